from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.equity_group import EquityGroup


T = TypeVar("T", bound="EquityCell")


@_attrs_define
class EquityCell:
    """
    Attributes:
        grade (None | UUID):
        grade_name (str):
        job_role (None | UUID):
        job_role_name (str):
        reference (None | str):
        groups (list[EquityGroup]):
    """

    grade: None | UUID
    grade_name: str
    job_role: None | UUID
    job_role_name: str
    reference: None | str
    groups: list[EquityGroup]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grade: None | str
        if isinstance(self.grade, UUID):
            grade = str(self.grade)
        else:
            grade = self.grade

        grade_name = self.grade_name

        job_role: None | str
        if isinstance(self.job_role, UUID):
            job_role = str(self.job_role)
        else:
            job_role = self.job_role

        job_role_name = self.job_role_name

        reference: None | str
        reference = self.reference

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grade": grade,
                "grade_name": grade_name,
                "job_role": job_role,
                "job_role_name": job_role_name,
                "reference": reference,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.equity_group import EquityGroup  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_grade(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grade_type_0 = UUID(data)

                return grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        grade = _parse_grade(d.pop("grade"))

        grade_name = d.pop("grade_name")

        def _parse_job_role(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_role_type_0 = UUID(data)

                return job_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        job_role = _parse_job_role(d.pop("job_role"))

        job_role_name = d.pop("job_role_name")

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = EquityGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        equity_cell = cls(
            grade=grade,
            grade_name=grade_name,
            job_role=job_role,
            job_role_name=job_role_name,
            reference=reference,
            groups=groups,
        )

        equity_cell.additional_properties = d
        return equity_cell

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
