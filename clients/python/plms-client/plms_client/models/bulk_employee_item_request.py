from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_matrix_manager_request import BulkMatrixManagerRequest


T = TypeVar("T", bound="BulkEmployeeItemRequest")


@_attrs_define
class BulkEmployeeItemRequest:
    """One employee; a field left out leaves that attribute unchanged on an existing one.

    Attributes:
        email (str):
        first_name (str):
        external_id (str | Unset):
        last_name (str | Unset):
        title (str | Unset):
        department (None | str | Unset): A name.
        manager_email (None | str | Unset):
        manager_weight (int | Unset):
        matrix_managers (list[BulkMatrixManagerRequest] | Unset):
        start_date (datetime.date | None | Unset):
        active (bool | Unset):
        job_role (None | str | Unset): The job role to hold: its id or its key (e.g. `advisor`); null takes the role
            away, leaving it out keeps the current one. Assigning works as `POST /job-role-assignments` does.
    """

    email: str
    first_name: str
    external_id: str | Unset = UNSET
    last_name: str | Unset = UNSET
    title: str | Unset = UNSET
    department: None | str | Unset = UNSET
    manager_email: None | str | Unset = UNSET
    manager_weight: int | Unset = UNSET
    matrix_managers: list[BulkMatrixManagerRequest] | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    active: bool | Unset = UNSET
    job_role: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        first_name = self.first_name

        external_id = self.external_id

        last_name = self.last_name

        title = self.title

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        manager_email: None | str | Unset
        if isinstance(self.manager_email, Unset):
            manager_email = UNSET
        else:
            manager_email = self.manager_email

        manager_weight = self.manager_weight

        matrix_managers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.matrix_managers, Unset):
            matrix_managers = []
            for matrix_managers_item_data in self.matrix_managers:
                matrix_managers_item = matrix_managers_item_data.to_dict()
                matrix_managers.append(matrix_managers_item)

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        active = self.active

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        else:
            job_role = self.job_role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "first_name": first_name,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if title is not UNSET:
            field_dict["title"] = title
        if department is not UNSET:
            field_dict["department"] = department
        if manager_email is not UNSET:
            field_dict["manager_email"] = manager_email
        if manager_weight is not UNSET:
            field_dict["manager_weight"] = manager_weight
        if matrix_managers is not UNSET:
            field_dict["matrix_managers"] = matrix_managers
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if active is not UNSET:
            field_dict["active"] = active
        if job_role is not UNSET:
            field_dict["job_role"] = job_role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_matrix_manager_request import BulkMatrixManagerRequest  # noqa: PLC0415

        d = dict(src_dict)
        email = d.pop("email")

        first_name = d.pop("first_name")

        external_id = d.pop("external_id", UNSET)

        last_name = d.pop("last_name", UNSET)

        title = d.pop("title", UNSET)

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        def _parse_manager_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        manager_email = _parse_manager_email(d.pop("manager_email", UNSET))

        manager_weight = d.pop("manager_weight", UNSET)

        _matrix_managers = d.pop("matrix_managers", UNSET)
        matrix_managers: list[BulkMatrixManagerRequest] | Unset = UNSET
        if _matrix_managers is not UNSET:
            matrix_managers = []
            for matrix_managers_item_data in _matrix_managers:
                matrix_managers_item = BulkMatrixManagerRequest.from_dict(matrix_managers_item_data)

                matrix_managers.append(matrix_managers_item)

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

        def _parse_job_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_role = _parse_job_role(d.pop("job_role", UNSET))

        bulk_employee_item_request = cls(
            email=email,
            first_name=first_name,
            external_id=external_id,
            last_name=last_name,
            title=title,
            department=department,
            manager_email=manager_email,
            manager_weight=manager_weight,
            matrix_managers=matrix_managers,
            start_date=start_date,
            active=active,
            job_role=job_role,
        )

        return bulk_employee_item_request
