from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Weights")


@_attrs_define
class Weights:
    """Rater kinds' weights in percent (0 = not used); they total 100.

    Attributes:
        self_ (int | Unset):
        manager (int | Unset):
        peer (int | Unset):
        expert (int | Unset):
        upward (int | Unset):
    """

    self_: int | Unset = UNSET
    manager: int | Unset = UNSET
    peer: int | Unset = UNSET
    expert: int | Unset = UNSET
    upward: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        self_ = self.self_

        manager = self.manager

        peer = self.peer

        expert = self.expert

        upward = self.upward

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if self_ is not UNSET:
            field_dict["self"] = self_
        if manager is not UNSET:
            field_dict["manager"] = manager
        if peer is not UNSET:
            field_dict["peer"] = peer
        if expert is not UNSET:
            field_dict["expert"] = expert
        if upward is not UNSET:
            field_dict["upward"] = upward

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        self_ = d.pop("self", UNSET)

        manager = d.pop("manager", UNSET)

        peer = d.pop("peer", UNSET)

        expert = d.pop("expert", UNSET)

        upward = d.pop("upward", UNSET)

        weights = cls(
            self_=self_,
            manager=manager,
            peer=peer,
            expert=expert,
            upward=upward,
        )

        weights.additional_properties = d
        return weights

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
