from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.catalogue_level import CatalogueLevel


T = TypeVar("T", bound="CatalogueCapability")


@_attrs_define
class CatalogueCapability:
    """Reference data shared by all organisations (not a tenant object: looked up by key).

    Attributes:
        key (str):
        name (str):
        category (str):
        category_name (str):
        description (str):
        skills (list[str]):
        knowledge (list[str]):
        behaviours (list[str]):
        tools (list[str]):
        processes (list[str]):
        tags (list[str]):
        revision (int):
        levels (list[CatalogueLevel]):
    """

    key: str
    name: str
    category: str
    category_name: str
    description: str
    skills: list[str]
    knowledge: list[str]
    behaviours: list[str]
    tools: list[str]
    processes: list[str]
    tags: list[str]
    revision: int
    levels: list[CatalogueLevel]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        name = self.name

        category = self.category

        category_name = self.category_name

        description = self.description

        skills = self.skills

        knowledge = self.knowledge

        behaviours = self.behaviours

        tools = self.tools

        processes = self.processes

        tags = self.tags

        revision = self.revision

        levels = []
        for levels_item_data in self.levels:
            levels_item = levels_item_data.to_dict()
            levels.append(levels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "name": name,
                "category": category,
                "category_name": category_name,
                "description": description,
                "skills": skills,
                "knowledge": knowledge,
                "behaviours": behaviours,
                "tools": tools,
                "processes": processes,
                "tags": tags,
                "revision": revision,
                "levels": levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.catalogue_level import CatalogueLevel  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        category = d.pop("category")

        category_name = d.pop("category_name")

        description = d.pop("description")

        skills = cast(list[str], d.pop("skills"))

        knowledge = cast(list[str], d.pop("knowledge"))

        behaviours = cast(list[str], d.pop("behaviours"))

        tools = cast(list[str], d.pop("tools"))

        processes = cast(list[str], d.pop("processes"))

        tags = cast(list[str], d.pop("tags"))

        revision = d.pop("revision")

        levels = []
        _levels = d.pop("levels")
        for levels_item_data in _levels:
            levels_item = CatalogueLevel.from_dict(levels_item_data)

            levels.append(levels_item)

        catalogue_capability = cls(
            key=key,
            name=name,
            category=category,
            category_name=category_name,
            description=description,
            skills=skills,
            knowledge=knowledge,
            behaviours=behaviours,
            tools=tools,
            processes=processes,
            tags=tags,
            revision=revision,
            levels=levels,
        )

        catalogue_capability.additional_properties = d
        return catalogue_capability

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
