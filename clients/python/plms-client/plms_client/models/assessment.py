from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assessment_kind_enum import AssessmentKindEnum
from ..models.assessment_status_enum import AssessmentStatusEnum

T = TypeVar("T", bound="Assessment")


@_attrs_define
class Assessment:
    """
    Attributes:
        id (UUID):
        cycle (UUID):
        employee (UUID):
        rater (UUID):
        kind (AssessmentKindEnum): * `self` - Self
            * `manager` - Manager
            * `peer` - Peer
            * `expert` - Expert
            * `upward` - Upward (a report)
        weight (int):
        status (AssessmentStatusEnum): * `nominated` - Nominated (awaiting the manager)
            * `pending` - To do
            * `draft` - Draft saved
            * `submitted` - Submitted
            * `declined` - Declined
        performance (int | None):
        potential (int | None):
        submitted_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    cycle: UUID
    employee: UUID
    rater: UUID
    kind: AssessmentKindEnum
    weight: int
    status: AssessmentStatusEnum
    performance: int | None
    potential: int | None
    submitted_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        cycle = str(self.cycle)

        employee = str(self.employee)

        rater = str(self.rater)

        kind = self.kind.value

        weight = self.weight

        status = self.status.value

        performance: int | None
        performance = self.performance

        potential: int | None
        potential = self.potential

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle": cycle,
                "employee": employee,
                "rater": rater,
                "kind": kind,
                "weight": weight,
                "status": status,
                "performance": performance,
                "potential": potential,
                "submitted_at": submitted_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        cycle = UUID(d.pop("cycle"))

        employee = UUID(d.pop("employee"))

        rater = UUID(d.pop("rater"))

        kind = AssessmentKindEnum(d.pop("kind"))

        weight = d.pop("weight")

        status = AssessmentStatusEnum(d.pop("status"))

        def _parse_performance(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        performance = _parse_performance(d.pop("performance"))

        def _parse_potential(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        potential = _parse_potential(d.pop("potential"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        assessment = cls(
            id=id,
            cycle=cycle,
            employee=employee,
            rater=rater,
            kind=kind,
            weight=weight,
            status=status,
            performance=performance,
            potential=potential,
            submitted_at=submitted_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        assessment.additional_properties = d
        return assessment

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
