from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PeerNominateRequest")


@_attrs_define
class PeerNominateRequest:
    """
    Attributes:
        cycle (UUID):
        peers (list[UUID]):
        employee (UUID | Unset): Whose peers; the caller by default.
    """

    cycle: UUID
    peers: list[UUID]
    employee: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cycle = str(self.cycle)

        peers = []
        for peers_item_data in self.peers:
            peers_item = str(peers_item_data)
            peers.append(peers_item)

        employee: str | Unset = UNSET
        if not isinstance(self.employee, Unset):
            employee = str(self.employee)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cycle": cycle,
                "peers": peers,
            }
        )
        if employee is not UNSET:
            field_dict["employee"] = employee

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cycle = UUID(d.pop("cycle"))

        peers = []
        _peers = d.pop("peers")
        for peers_item_data in _peers:
            peers_item = UUID(peers_item_data)

            peers.append(peers_item)

        _employee = d.pop("employee", UNSET)
        employee: UUID | Unset
        if isinstance(_employee, Unset):
            employee = UNSET
        else:
            employee = UUID(_employee)

        peer_nominate_request = cls(
            cycle=cycle,
            peers=peers,
            employee=employee,
        )

        return peer_nominate_request
