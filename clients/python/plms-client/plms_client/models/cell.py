from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Cell")


@_attrs_define
class Cell:
    """
    Attributes:
        rating (int):
        range_from (str):
        min_percent (str):
        max_percent (str):
        range_to (None | str | Unset):
    """

    rating: int
    range_from: str
    min_percent: str
    max_percent: str
    range_to: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        range_from = self.range_from

        min_percent = self.min_percent

        max_percent = self.max_percent

        range_to: None | str | Unset
        if isinstance(self.range_to, Unset):
            range_to = UNSET
        else:
            range_to = self.range_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rating": rating,
                "range_from": range_from,
                "min_percent": min_percent,
                "max_percent": max_percent,
            }
        )
        if range_to is not UNSET:
            field_dict["range_to"] = range_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating = d.pop("rating")

        range_from = d.pop("range_from")

        min_percent = d.pop("min_percent")

        max_percent = d.pop("max_percent")

        def _parse_range_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        range_to = _parse_range_to(d.pop("range_to", UNSET))

        cell = cls(
            rating=rating,
            range_from=range_from,
            min_percent=min_percent,
            max_percent=max_percent,
            range_to=range_to,
        )

        cell.additional_properties = d
        return cell

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
