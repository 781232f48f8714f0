from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scale_level import ScaleLevel


T = TypeVar("T", bound="CompetencyScale")


@_attrs_define
class CompetencyScale:
    """
    Attributes:
        id (UUID):
        revision (int):
        updated_at (datetime.datetime):
        name (str | Unset):
        proficient_level (int | Unset):
        levels (list[ScaleLevel] | Unset):
    """

    id: UUID
    revision: int
    updated_at: datetime.datetime
    name: str | Unset = UNSET
    proficient_level: int | Unset = UNSET
    levels: list[ScaleLevel] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        revision = self.revision

        updated_at = self.updated_at.isoformat()

        name = self.name

        proficient_level = self.proficient_level

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "revision": revision,
                "updated_at": updated_at,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if proficient_level is not UNSET:
            field_dict["proficient_level"] = proficient_level
        if levels is not UNSET:
            field_dict["levels"] = levels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scale_level import ScaleLevel  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        revision = d.pop("revision")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        name = d.pop("name", UNSET)

        proficient_level = d.pop("proficient_level", UNSET)

        _levels = d.pop("levels", UNSET)
        levels: list[ScaleLevel] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = ScaleLevel.from_dict(levels_item_data)

                levels.append(levels_item)

        competency_scale = cls(
            id=id,
            revision=revision,
            updated_at=updated_at,
            name=name,
            proficient_level=proficient_level,
            levels=levels,
        )

        competency_scale.additional_properties = d
        return competency_scale

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
