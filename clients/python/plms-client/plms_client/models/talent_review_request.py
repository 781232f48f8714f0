from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TalentReviewRequest")


@_attrs_define
class TalentReviewRequest:
    """
    Attributes:
        name (str):
        held_on (datetime.date):
        pool (None | Unset | UUID): The talent pool reviewed (or a `department`).
        department (None | Unset | UUID): The department reviewed (or a `pool`).
        facilitator (UUID | Unset): Who runs the meeting; by default the next in the rotation (who facilitated least
            recently among HR and the people granted reviews).
    """

    name: str
    held_on: datetime.date
    pool: None | Unset | UUID = UNSET
    department: None | Unset | UUID = UNSET
    facilitator: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        held_on = self.held_on.isoformat()

        pool: None | str | Unset
        if isinstance(self.pool, Unset):
            pool = UNSET
        elif isinstance(self.pool, UUID):
            pool = str(self.pool)
        else:
            pool = self.pool

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        facilitator: str | Unset = UNSET
        if not isinstance(self.facilitator, Unset):
            facilitator = str(self.facilitator)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "held_on": held_on,
            }
        )
        if pool is not UNSET:
            field_dict["pool"] = pool
        if department is not UNSET:
            field_dict["department"] = department
        if facilitator is not UNSET:
            field_dict["facilitator"] = facilitator

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        held_on = datetime.date.fromisoformat(d.pop("held_on"))

        def _parse_pool(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pool_type_0 = UUID(data)

                return pool_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        pool = _parse_pool(d.pop("pool", UNSET))

        def _parse_department(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_0 = UUID(data)

                return department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        department = _parse_department(d.pop("department", UNSET))

        _facilitator = d.pop("facilitator", UNSET)
        facilitator: UUID | Unset
        if isinstance(_facilitator, Unset):
            facilitator = UNSET
        else:
            facilitator = UUID(_facilitator)

        talent_review_request = cls(
            name=name,
            held_on=held_on,
            pool=pool,
            department=department,
            facilitator=facilitator,
        )

        return talent_review_request
