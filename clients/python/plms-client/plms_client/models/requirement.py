from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Requirement")


@_attrs_define
class Requirement:
    """
    Attributes:
        id (UUID):
        capability (UUID):
        capability_name (str):
        target_level (int):
        framework_version (int | None):
        weight (int | Unset):  Default: 1.
        core (bool | Unset):  Default: True.
    """

    id: UUID
    capability: UUID
    capability_name: str
    target_level: int
    framework_version: int | None
    weight: int | Unset = 1
    core: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        capability = str(self.capability)

        capability_name = self.capability_name

        target_level = self.target_level

        framework_version: int | None
        framework_version = self.framework_version

        weight = self.weight

        core = self.core

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "capability": capability,
                "capability_name": capability_name,
                "target_level": target_level,
                "framework_version": framework_version,
            }
        )
        if weight is not UNSET:
            field_dict["weight"] = weight
        if core is not UNSET:
            field_dict["core"] = core

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        capability = UUID(d.pop("capability"))

        capability_name = d.pop("capability_name")

        target_level = d.pop("target_level")

        def _parse_framework_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        framework_version = _parse_framework_version(d.pop("framework_version"))

        weight = d.pop("weight", UNSET)

        core = d.pop("core", UNSET)

        requirement = cls(
            id=id,
            capability=capability,
            capability_name=capability_name,
            target_level=target_level,
            framework_version=framework_version,
            weight=weight,
            core=core,
        )

        requirement.additional_properties = d
        return requirement

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
