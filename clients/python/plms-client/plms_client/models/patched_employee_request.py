from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedEmployeeRequest")


@_attrs_define
class PatchedEmployeeRequest:
    """
    Attributes:
        email (str | Unset):
        external_id (str | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        title (str | Unset):
        department (None | str | Unset): The department: its id or its name.
        start_date (datetime.date | None | Unset):
        active (bool | Unset):
        left_on (datetime.date | None | Unset):
        job_role (None | str | Unset): The job role held now (read: its id); null for none. Writing it (the id or the
            key) assigns the role, as `POST /job-role-assignments` does.
    """

    email: str | Unset = UNSET
    external_id: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    title: str | Unset = UNSET
    department: None | str | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    active: bool | Unset = UNSET
    left_on: datetime.date | None | Unset = UNSET
    job_role: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        external_id = self.external_id

        first_name = self.first_name

        last_name = self.last_name

        title = self.title

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        active = self.active

        left_on: None | str | Unset
        if isinstance(self.left_on, Unset):
            left_on = UNSET
        elif isinstance(self.left_on, datetime.date):
            left_on = self.left_on.isoformat()
        else:
            left_on = self.left_on

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        else:
            job_role = self.job_role

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if title is not UNSET:
            field_dict["title"] = title
        if department is not UNSET:
            field_dict["department"] = department
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if active is not UNSET:
            field_dict["active"] = active
        if left_on is not UNSET:
            field_dict["left_on"] = left_on
        if job_role is not UNSET:
            field_dict["job_role"] = job_role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        external_id = d.pop("external_id", UNSET)

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

        title = d.pop("title", UNSET)

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        active = d.pop("active", UNSET)

        def _parse_left_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                left_on_type_0 = datetime.date.fromisoformat(data)

                return left_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        left_on = _parse_left_on(d.pop("left_on", UNSET))

        def _parse_job_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_role = _parse_job_role(d.pop("job_role", UNSET))

        patched_employee_request = cls(
            email=email,
            external_id=external_id,
            first_name=first_name,
            last_name=last_name,
            title=title,
            department=department,
            start_date=start_date,
            active=active,
            left_on=left_on,
            job_role=job_role,
        )

        return patched_employee_request
