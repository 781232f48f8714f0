from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_result import KeyResult
    from ..models.requirement import Requirement


T = TypeVar("T", bound="JobRole")


@_attrs_define
class JobRole:
    """
    Attributes:
        id (UUID):
        name (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        key (str | Unset):
        family (str | Unset):
        grade (str | Unset):
        description (str | Unset):
        requirements (list[Requirement] | Unset):
        key_results (list[KeyResult] | Unset):
    """

    id: UUID
    name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    key: str | Unset = UNSET
    family: str | Unset = UNSET
    grade: str | Unset = UNSET
    description: str | Unset = UNSET
    requirements: list[Requirement] | Unset = UNSET
    key_results: list[KeyResult] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        key = self.key

        family = self.family

        grade = self.grade

        description = self.description

        requirements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.requirements, Unset):
            requirements = []
            for requirements_item_data in self.requirements:
                requirements_item = requirements_item_data.to_dict()
                requirements.append(requirements_item)

        key_results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.key_results, Unset):
            key_results = []
            for key_results_item_data in self.key_results:
                key_results_item = key_results_item_data.to_dict()
                key_results.append(key_results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if family is not UNSET:
            field_dict["family"] = family
        if grade is not UNSET:
            field_dict["grade"] = grade
        if description is not UNSET:
            field_dict["description"] = description
        if requirements is not UNSET:
            field_dict["requirements"] = requirements
        if key_results is not UNSET:
            field_dict["key_results"] = key_results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key_result import KeyResult  # noqa: PLC0415
        from ..models.requirement import Requirement  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        key = d.pop("key", UNSET)

        family = d.pop("family", UNSET)

        grade = d.pop("grade", UNSET)

        description = d.pop("description", UNSET)

        _requirements = d.pop("requirements", UNSET)
        requirements: list[Requirement] | Unset = UNSET
        if _requirements is not UNSET:
            requirements = []
            for requirements_item_data in _requirements:
                requirements_item = Requirement.from_dict(requirements_item_data)

                requirements.append(requirements_item)

        _key_results = d.pop("key_results", UNSET)
        key_results: list[KeyResult] | Unset = UNSET
        if _key_results is not UNSET:
            key_results = []
            for key_results_item_data in _key_results:
                key_results_item = KeyResult.from_dict(key_results_item_data)

                key_results.append(key_results_item)

        job_role = cls(
            id=id,
            name=name,
            created_at=created_at,
            updated_at=updated_at,
            key=key,
            family=family,
            grade=grade,
            description=description,
            requirements=requirements,
            key_results=key_results,
        )

        job_role.additional_properties = d
        return job_role

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
