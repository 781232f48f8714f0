from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_result_request import KeyResultRequest
    from ..models.requirement_request import RequirementRequest


T = TypeVar("T", bound="JobRoleRequest")


@_attrs_define
class JobRoleRequest:
    """
    Attributes:
        name (str):
        key (str | Unset):
        family (str | Unset):
        grade (str | Unset):
        description (str | Unset):
        requirements (list[RequirementRequest] | Unset):
        key_results (list[KeyResultRequest] | Unset):
    """

    name: str
    key: str | Unset = UNSET
    family: str | Unset = UNSET
    grade: str | Unset = UNSET
    description: str | Unset = UNSET
    requirements: list[RequirementRequest] | Unset = UNSET
    key_results: list[KeyResultRequest] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

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

        field_dict.update(
            {
                "name": name,
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
        from ..models.key_result_request import KeyResultRequest  # noqa: PLC0415
        from ..models.requirement_request import RequirementRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        key = d.pop("key", UNSET)

        family = d.pop("family", UNSET)

        grade = d.pop("grade", UNSET)

        description = d.pop("description", UNSET)

        _requirements = d.pop("requirements", UNSET)
        requirements: list[RequirementRequest] | Unset = UNSET
        if _requirements is not UNSET:
            requirements = []
            for requirements_item_data in _requirements:
                requirements_item = RequirementRequest.from_dict(requirements_item_data)

                requirements.append(requirements_item)

        _key_results = d.pop("key_results", UNSET)
        key_results: list[KeyResultRequest] | Unset = UNSET
        if _key_results is not UNSET:
            key_results = []
            for key_results_item_data in _key_results:
                key_results_item = KeyResultRequest.from_dict(key_results_item_data)

                key_results.append(key_results_item)

        job_role_request = cls(
            name=name,
            key=key,
            family=family,
            grade=grade,
            description=description,
            requirements=requirements,
            key_results=key_results,
        )

        return job_role_request
