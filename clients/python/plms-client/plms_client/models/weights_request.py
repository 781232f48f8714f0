from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WeightsRequest")


@_attrs_define
class WeightsRequest:
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

    def to_dict(self) -> dict[str, Any]:
        self_ = self.self_

        manager = self.manager

        peer = self.peer

        expert = self.expert

        upward = self.upward

        field_dict: dict[str, Any] = {}

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

        weights_request = cls(
            self_=self_,
            manager=manager,
            peer=peer,
            expert=expert,
            upward=upward,
        )

        return weights_request
