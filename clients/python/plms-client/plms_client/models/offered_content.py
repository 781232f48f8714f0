from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.catalogue_level import CatalogueLevel


T = TypeVar("T", bound="OfferedContent")


@_attrs_define
class OfferedContent:
    """
    Attributes:
        revision (int):
        description (str):
        tags (list[str]):
        levels (list[CatalogueLevel]):
    """

    revision: int
    description: str
    tags: list[str]
    levels: list[CatalogueLevel]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        revision = self.revision

        description = self.description

        tags = self.tags

        levels = []
        for levels_item_data in self.levels:
            levels_item = levels_item_data.to_dict()
            levels.append(levels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "revision": revision,
                "description": description,
                "tags": tags,
                "levels": levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalogue_level import CatalogueLevel  # noqa: PLC0415

        d = dict(src_dict)
        revision = d.pop("revision")

        description = d.pop("description")

        tags = cast(list[str], d.pop("tags"))

        levels = []
        _levels = d.pop("levels")
        for levels_item_data in _levels:
            levels_item = CatalogueLevel.from_dict(levels_item_data)

            levels.append(levels_item)

        offered_content = cls(
            revision=revision,
            description=description,
            tags=tags,
            levels=levels,
        )

        offered_content.additional_properties = d
        return offered_content

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
