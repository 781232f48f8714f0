from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assessment_status_enum import AssessmentStatusEnum

T = TypeVar("T", bound="PeerNomination")


@_attrs_define
class PeerNomination:
    """
    Attributes:
        id (UUID):
        cycle (UUID):
        employee (UUID):
        peer (UUID):
        peer_name (str):
        status (AssessmentStatusEnum): * `nominated` - Nominated (awaiting the manager)
            * `pending` - To do
            * `draft` - Draft saved
            * `submitted` - Submitted
            * `declined` - Declined
        created_at (datetime.datetime):
    """

    id: UUID
    cycle: UUID
    employee: UUID
    peer: UUID
    peer_name: str
    status: AssessmentStatusEnum
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        cycle = str(self.cycle)

        employee = str(self.employee)

        peer = str(self.peer)

        peer_name = self.peer_name

        status = self.status.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle": cycle,
                "employee": employee,
                "peer": peer,
                "peer_name": peer_name,
                "status": status,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        cycle = UUID(d.pop("cycle"))

        employee = UUID(d.pop("employee"))

        peer = UUID(d.pop("peer"))

        peer_name = d.pop("peer_name")

        status = AssessmentStatusEnum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        peer_nomination = cls(
            id=id,
            cycle=cycle,
            employee=employee,
            peer=peer,
            peer_name=peer_name,
            status=status,
            created_at=created_at,
        )

        peer_nomination.additional_properties = d
        return peer_nomination

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
