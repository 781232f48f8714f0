from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Bench")


@_attrs_define
class Bench:
    """
    Attributes:
        ready_now (int):
        ready_soon (int): Ready in 1-2 years.
        ready_later (int): Ready in 3 years or more.
    """

    ready_now: int
    ready_soon: int
    ready_later: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ready_now = self.ready_now

        ready_soon = self.ready_soon

        ready_later = self.ready_later

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ready_now": ready_now,
                "ready_soon": ready_soon,
                "ready_later": ready_later,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ready_now = d.pop("ready_now")

        ready_soon = d.pop("ready_soon")

        ready_later = d.pop("ready_later")

        bench = cls(
            ready_now=ready_now,
            ready_soon=ready_soon,
            ready_later=ready_later,
        )

        bench.additional_properties = d
        return bench

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
