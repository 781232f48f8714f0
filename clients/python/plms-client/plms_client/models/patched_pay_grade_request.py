from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedPayGradeRequest")


@_attrs_define
class PatchedPayGradeRequest:
    """
    Attributes:
        name (str | Unset):
        job_role (None | Unset | UUID):
        minimum (str | Unset):
        midpoint (str | Unset):
        maximum (str | Unset):
        currency (str | Unset):
        target_bonus_percent (str | Unset):
    """

    name: str | Unset = UNSET
    job_role: None | Unset | UUID = UNSET
    minimum: str | Unset = UNSET
    midpoint: str | Unset = UNSET
    maximum: str | Unset = UNSET
    currency: str | Unset = UNSET
    target_bonus_percent: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        elif isinstance(self.job_role, UUID):
            job_role = str(self.job_role)
        else:
            job_role = self.job_role

        minimum = self.minimum

        midpoint = self.midpoint

        maximum = self.maximum

        currency = self.currency

        target_bonus_percent = self.target_bonus_percent

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if job_role is not UNSET:
            field_dict["job_role"] = job_role
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if midpoint is not UNSET:
            field_dict["midpoint"] = midpoint
        if maximum is not UNSET:
            field_dict["maximum"] = maximum
        if currency is not UNSET:
            field_dict["currency"] = currency
        if target_bonus_percent is not UNSET:
            field_dict["target_bonus_percent"] = target_bonus_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

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

        minimum = d.pop("minimum", UNSET)

        midpoint = d.pop("midpoint", UNSET)

        maximum = d.pop("maximum", UNSET)

        currency = d.pop("currency", UNSET)

        target_bonus_percent = d.pop("target_bonus_percent", UNSET)

        patched_pay_grade_request = cls(
            name=name,
            job_role=job_role,
            minimum=minimum,
            midpoint=midpoint,
            maximum=maximum,
            currency=currency,
            target_bonus_percent=target_bonus_percent,
        )

        return patched_pay_grade_request
