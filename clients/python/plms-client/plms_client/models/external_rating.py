from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExternalRating")


@_attrs_define
class ExternalRating:
    """
    Attributes:
        id (UUID):
        external_id (str): Your id of the rating: importing it again changes nothing.
        employee (UUID): The person rated: their employee id, e-mail or external id.
        capability (UUID): The capability (capability id).
        level (int): A level of the organisation's scale.
        rated_on (datetime.date): When it was rated (decides the cycle it counts in).
        source (str): The system or exam it comes from, shown beside it.
        created_at (datetime.datetime):
        evidence_url (str | Unset):
    """

    id: UUID
    external_id: str
    employee: UUID
    capability: UUID
    level: int
    rated_on: datetime.date
    source: str
    created_at: datetime.datetime
    evidence_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        external_id = self.external_id

        employee = str(self.employee)

        capability = str(self.capability)

        level = self.level

        rated_on = self.rated_on.isoformat()

        source = self.source

        created_at = self.created_at.isoformat()

        evidence_url: str | Unset
        if isinstance(self.evidence_url, Unset):
            evidence_url = UNSET
        else:
            evidence_url = self.evidence_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "external_id": external_id,
                "employee": employee,
                "capability": capability,
                "level": level,
                "rated_on": rated_on,
                "source": source,
                "created_at": created_at,
            }
        )
        if evidence_url is not UNSET:
            field_dict["evidence_url"] = evidence_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        external_id = d.pop("external_id")

        employee = UUID(d.pop("employee"))

        capability = UUID(d.pop("capability"))

        level = d.pop("level")

        rated_on = datetime.date.fromisoformat(d.pop("rated_on"))

        source = d.pop("source")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_evidence_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        evidence_url = _parse_evidence_url(d.pop("evidence_url", UNSET))

        external_rating = cls(
            id=id,
            external_id=external_id,
            employee=employee,
            capability=capability,
            level=level,
            rated_on=rated_on,
            source=source,
            created_at=created_at,
            evidence_url=evidence_url,
        )

        external_rating.additional_properties = d
        return external_rating

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
