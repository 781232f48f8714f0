from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PayGrade")


@_attrs_define
class PayGrade:
    """
    Attributes:
        id (UUID):
        name (str):
        minimum (str):
        midpoint (str):
        maximum (str):
        updated_at (datetime.datetime):
        job_role (None | Unset | UUID):
        currency (str | Unset):
        target_bonus_percent (str | Unset):
    """

    id: UUID
    name: str
    minimum: str
    midpoint: str
    maximum: str
    updated_at: datetime.datetime
    job_role: None | Unset | UUID = UNSET
    currency: str | Unset = UNSET
    target_bonus_percent: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        minimum = self.minimum

        midpoint = self.midpoint

        maximum = self.maximum

        updated_at = self.updated_at.isoformat()

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        elif isinstance(self.job_role, UUID):
            job_role = str(self.job_role)
        else:
            job_role = self.job_role

        currency = self.currency

        target_bonus_percent = self.target_bonus_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "minimum": minimum,
                "midpoint": midpoint,
                "maximum": maximum,
                "updated_at": updated_at,
            }
        )
        if job_role is not UNSET:
            field_dict["job_role"] = job_role
        if currency is not UNSET:
            field_dict["currency"] = currency
        if target_bonus_percent is not UNSET:
            field_dict["target_bonus_percent"] = target_bonus_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        minimum = d.pop("minimum")

        midpoint = d.pop("midpoint")

        maximum = d.pop("maximum")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_job_role(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_role_type_0 = UUID(data)

                return job_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        job_role = _parse_job_role(d.pop("job_role", UNSET))

        currency = d.pop("currency", UNSET)

        target_bonus_percent = d.pop("target_bonus_percent", UNSET)

        pay_grade = cls(
            id=id,
            name=name,
            minimum=minimum,
            midpoint=midpoint,
            maximum=maximum,
            updated_at=updated_at,
            job_role=job_role,
            currency=currency,
            target_bonus_percent=target_bonus_percent,
        )

        pay_grade.additional_properties = d
        return pay_grade

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
