from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.template_apply_status_enum import TemplateApplyStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplateApplyRequest")


@_attrs_define
class TemplateApplyRequest:
    """
    Attributes:
        start_date (datetime.date):
        due_date (datetime.date):
        department (None | Unset | UUID):
        job_role (None | Unset | UUID):
        status (TemplateApplyStatusEnum | Unset): * `draft` - draft
            * `active` - active Default: TemplateApplyStatusEnum.DRAFT.
    """

    start_date: datetime.date
    due_date: datetime.date
    department: None | Unset | UUID = UNSET
    job_role: None | Unset | UUID = UNSET
    status: TemplateApplyStatusEnum | Unset = TemplateApplyStatusEnum.DRAFT

    def to_dict(self) -> dict[str, Any]:
        start_date = self.start_date.isoformat()

        due_date = self.due_date.isoformat()

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        elif isinstance(self.job_role, UUID):
            job_role = str(self.job_role)
        else:
            job_role = self.job_role

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start_date": start_date,
                "due_date": due_date,
            }
        )
        if department is not UNSET:
            field_dict["department"] = department
        if job_role is not UNSET:
            field_dict["job_role"] = job_role
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

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

        _status = d.pop("status", UNSET)
        status: TemplateApplyStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = TemplateApplyStatusEnum(_status)

        template_apply_request = cls(
            start_date=start_date,
            due_date=due_date,
            department=department,
            job_role=job_role,
            status=status,
        )

        return template_apply_request
