from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.readiness_enum import ReadinessEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence import Evidence


T = TypeVar("T", bound="Successor")


@_attrs_define
class Successor:
    """
    Attributes:
        id (UUID):
        critical_role (UUID):
        employee (UUID):
        employee_name (str):
        readiness (ReadinessEnum): * `ready_now` - Ready now
            * `one_two_years` - Ready in 1 to 2 years
            * `three_plus_years` - Ready in 3 years or more
        evidence (Evidence | None):
        created_at (datetime.datetime):
        note (str | Unset):
    """

    id: UUID
    critical_role: UUID
    employee: UUID
    employee_name: str
    readiness: ReadinessEnum
    evidence: Evidence | None
    created_at: datetime.datetime
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.evidence import Evidence  # noqa: PLC0415

        id = str(self.id)

        critical_role = str(self.critical_role)

        employee = str(self.employee)

        employee_name = self.employee_name

        readiness = self.readiness.value

        evidence: dict[str, Any] | None
        if isinstance(self.evidence, Evidence):
            evidence = self.evidence.to_dict()
        else:
            evidence = self.evidence

        created_at = self.created_at.isoformat()

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "critical_role": critical_role,
                "employee": employee,
                "employee_name": employee_name,
                "readiness": readiness,
                "evidence": evidence,
                "created_at": created_at,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evidence import Evidence  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        critical_role = UUID(d.pop("critical_role"))

        employee = UUID(d.pop("employee"))

        employee_name = d.pop("employee_name")

        readiness = ReadinessEnum(d.pop("readiness"))

        def _parse_evidence(data: object) -> Evidence | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evidence_type_1 = Evidence.from_dict(data)

                return evidence_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Evidence | None, data)

        evidence = _parse_evidence(d.pop("evidence"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        note = d.pop("note", UNSET)

        successor = cls(
            id=id,
            critical_role=critical_role,
            employee=employee,
            employee_name=employee_name,
            readiness=readiness,
            evidence=evidence,
            created_at=created_at,
            note=note,
        )

        successor.additional_properties = d
        return successor

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
