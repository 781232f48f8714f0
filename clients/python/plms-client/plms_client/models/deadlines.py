from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Deadlines")


@_attrs_define
class Deadlines:
    """The date each rater kind's assessments are due.

    Attributes:
        self_ (datetime.date | None | Unset):
        manager (datetime.date | None | Unset):
        peer (datetime.date | None | Unset):
        expert (datetime.date | None | Unset):
        upward (datetime.date | None | Unset):
    """

    self_: datetime.date | None | Unset = UNSET
    manager: datetime.date | None | Unset = UNSET
    peer: datetime.date | None | Unset = UNSET
    expert: datetime.date | None | Unset = UNSET
    upward: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        self_: None | str | Unset
        if isinstance(self.self_, Unset):
            self_ = UNSET
        elif isinstance(self.self_, datetime.date):
            self_ = self.self_.isoformat()
        else:
            self_ = self.self_

        manager: None | str | Unset
        if isinstance(self.manager, Unset):
            manager = UNSET
        elif isinstance(self.manager, datetime.date):
            manager = self.manager.isoformat()
        else:
            manager = self.manager

        peer: None | str | Unset
        if isinstance(self.peer, Unset):
            peer = UNSET
        elif isinstance(self.peer, datetime.date):
            peer = self.peer.isoformat()
        else:
            peer = self.peer

        expert: None | str | Unset
        if isinstance(self.expert, Unset):
            expert = UNSET
        elif isinstance(self.expert, datetime.date):
            expert = self.expert.isoformat()
        else:
            expert = self.expert

        upward: None | str | Unset
        if isinstance(self.upward, Unset):
            upward = UNSET
        elif isinstance(self.upward, datetime.date):
            upward = self.upward.isoformat()
        else:
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

        def _parse_self_(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                self_type_0 = datetime.date.fromisoformat(data)

                return self_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        self_ = _parse_self_(d.pop("self", UNSET))

        def _parse_manager(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                manager_type_0 = datetime.date.fromisoformat(data)

                return manager_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        manager = _parse_manager(d.pop("manager", UNSET))

        def _parse_peer(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                peer_type_0 = datetime.date.fromisoformat(data)

                return peer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        peer = _parse_peer(d.pop("peer", UNSET))

        def _parse_expert(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expert_type_0 = datetime.date.fromisoformat(data)

                return expert_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expert = _parse_expert(d.pop("expert", UNSET))

        def _parse_upward(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                upward_type_0 = datetime.date.fromisoformat(data)

                return upward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        upward = _parse_upward(d.pop("upward", UNSET))

        deadlines = cls(
            self_=self_,
            manager=manager,
            peer=peer,
            expert=expert,
            upward=upward,
        )

        deadlines.additional_properties = d
        return deadlines

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
