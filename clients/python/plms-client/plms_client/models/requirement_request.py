from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RequirementRequest")


@_attrs_define
class RequirementRequest:
    """
    Attributes:
        capability (UUID):
        target_level (int):
        weight (int | Unset):  Default: 1.
        core (bool | Unset):  Default: True.
    """

    capability: UUID
    target_level: int
    weight: int | Unset = 1
    core: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        target_level = self.target_level

        weight = self.weight

        core = self.core

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capability": capability,
                "target_level": target_level,
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
        capability = UUID(d.pop("capability"))

        target_level = d.pop("target_level")

        weight = d.pop("weight", UNSET)

        core = d.pop("core", UNSET)

        requirement_request = cls(
            capability=capability,
            target_level=target_level,
            weight=weight,
            core=core,
        )

        return requirement_request
