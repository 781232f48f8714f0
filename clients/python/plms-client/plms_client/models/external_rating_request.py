from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExternalRatingRequest")


@_attrs_define
class ExternalRatingRequest:
    """
    Attributes:
        external_id (str): Your id of the rating: importing it again changes nothing.
        employee (str): The person rated: their employee id, e-mail or external id.
        capability (UUID): The capability (capability id).
        level (int): A level of the organisation's scale.
        rated_on (datetime.date): When it was rated (decides the cycle it counts in).
        source (str): The system or exam it comes from, shown beside it.
        evidence_url (str | Unset):
    """

    external_id: str
    employee: str
    capability: UUID
    level: int
    rated_on: datetime.date
    source: str
    evidence_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        employee = self.employee

        capability = str(self.capability)

        level = self.level

        rated_on = self.rated_on.isoformat()

        source = self.source

        evidence_url: str | Unset
        if isinstance(self.evidence_url, Unset):
            evidence_url = UNSET
        else:
            evidence_url = self.evidence_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
                "employee": employee,
                "capability": capability,
                "level": level,
                "rated_on": rated_on,
                "source": source,
            }
        )
        if evidence_url is not UNSET:
            field_dict["evidence_url"] = evidence_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_id = d.pop("external_id")

        employee = d.pop("employee")

        capability = UUID(d.pop("capability"))

        level = d.pop("level")

        rated_on = datetime.date.fromisoformat(d.pop("rated_on"))

        source = d.pop("source")

        def _parse_evidence_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        evidence_url = _parse_evidence_url(d.pop("evidence_url", UNSET))

        external_rating_request = cls(
            external_id=external_id,
            employee=employee,
            capability=capability,
            level=level,
            rated_on=rated_on,
            source=source,
            evidence_url=evidence_url,
        )

        return external_rating_request
