from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.matrix_manager import MatrixManager


T = TypeVar("T", bound="Employee")


@_attrs_define
class Employee:
    """
    Attributes:
        id (UUID):
        email (str):
        first_name (str):
        manager (None | UUID):
        manager_weight (int):
        matrix_managers (list[MatrixManager]):
        has_joined (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        external_id (str | Unset):
        last_name (str | Unset):
        title (str | Unset):
        department (None | Unset | UUID): The department: its id or its name.
        start_date (datetime.date | None | Unset):
        active (bool | Unset):
        left_on (datetime.date | None | Unset):
        job_role (None | Unset | UUID): The job role held now (read: its id); null for none. Writing it (the id or the
            key) assigns the role, as `POST /job-role-assignments` does.
    """

    id: UUID
    email: str
    first_name: str
    manager: None | UUID
    manager_weight: int
    matrix_managers: list[MatrixManager]
    has_joined: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    external_id: str | Unset = UNSET
    last_name: str | Unset = UNSET
    title: str | Unset = UNSET
    department: None | Unset | UUID = UNSET
    start_date: datetime.date | None | Unset = UNSET
    active: bool | Unset = UNSET
    left_on: datetime.date | None | Unset = UNSET
    job_role: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        first_name = self.first_name

        manager: None | str
        if isinstance(self.manager, UUID):
            manager = str(self.manager)
        else:
            manager = self.manager

        manager_weight = self.manager_weight

        matrix_managers = []
        for matrix_managers_item_data in self.matrix_managers:
            matrix_managers_item = matrix_managers_item_data.to_dict()
            matrix_managers.append(matrix_managers_item)

        has_joined = self.has_joined

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        external_id = self.external_id

        last_name = self.last_name

        title = self.title

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, UUID):
            department = str(self.department)
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
        elif isinstance(self.job_role, UUID):
            job_role = str(self.job_role)
        else:
            job_role = self.job_role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "first_name": first_name,
                "manager": manager,
                "manager_weight": manager_weight,
                "matrix_managers": matrix_managers,
                "has_joined": has_joined,
                "created_at": created_at,
                "updated_at": updated_at,
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
        from ..models.matrix_manager import MatrixManager  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        email = d.pop("email")

        first_name = d.pop("first_name")

        def _parse_manager(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                manager_type_0 = UUID(data)

                return manager_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        manager = _parse_manager(d.pop("manager"))

        manager_weight = d.pop("manager_weight")

        matrix_managers = []
        _matrix_managers = d.pop("matrix_managers")
        for matrix_managers_item_data in _matrix_managers:
            matrix_managers_item = MatrixManager.from_dict(matrix_managers_item_data)

            matrix_managers.append(matrix_managers_item)

        has_joined = d.pop("has_joined")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        external_id = d.pop("external_id", UNSET)

        last_name = d.pop("last_name", UNSET)

        title = d.pop("title", UNSET)

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

        employee = cls(
            id=id,
            email=email,
            first_name=first_name,
            manager=manager,
            manager_weight=manager_weight,
            matrix_managers=matrix_managers,
            has_joined=has_joined,
            created_at=created_at,
            updated_at=updated_at,
            external_id=external_id,
            last_name=last_name,
            title=title,
            department=department,
            start_date=start_date,
            active=active,
            left_on=left_on,
            job_role=job_role,
        )

        employee.additional_properties = d
        return employee

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
