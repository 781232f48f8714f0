from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.patched_competency_scale_request_mapping import PatchedCompetencyScaleRequestMapping
    from ..models.scale_level_request import ScaleLevelRequest


T = TypeVar("T", bound="PatchedCompetencyScaleRequest")


@_attrs_define
class PatchedCompetencyScaleRequest:
    """
    Attributes:
        name (str | Unset):
        proficient_level (int | Unset):
        levels (list[ScaleLevelRequest] | Unset):
        mapping (PatchedCompetencyScaleRequestMapping | Unset): Old level number → new level number; required to change
            the levels of a scale that ratings or requirements use.
    """

    name: str | Unset = UNSET
    proficient_level: int | Unset = UNSET
    levels: list[ScaleLevelRequest] | Unset = UNSET
    mapping: PatchedCompetencyScaleRequestMapping | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        proficient_level = self.proficient_level

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mapping, Unset):
            mapping = self.mapping.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if proficient_level is not UNSET:
            field_dict["proficient_level"] = proficient_level
        if levels is not UNSET:
            field_dict["levels"] = levels
        if mapping is not UNSET:
            field_dict["mapping"] = mapping

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patched_competency_scale_request_mapping import PatchedCompetencyScaleRequestMapping  # noqa: PLC0415
        from ..models.scale_level_request import ScaleLevelRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        proficient_level = d.pop("proficient_level", UNSET)

        _levels = d.pop("levels", UNSET)
        levels: list[ScaleLevelRequest] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = ScaleLevelRequest.from_dict(levels_item_data)

                levels.append(levels_item)

        _mapping = d.pop("mapping", UNSET)
        mapping: PatchedCompetencyScaleRequestMapping | Unset
        if isinstance(_mapping, Unset):
            mapping = UNSET
        else:
            mapping = PatchedCompetencyScaleRequestMapping.from_dict(_mapping)

        patched_competency_scale_request = cls(
            name=name,
            proficient_level=proficient_level,
            levels=levels,
            mapping=mapping,
        )

        return patched_competency_scale_request
