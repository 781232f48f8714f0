from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review_template_sections import ReviewTemplateSections


T = TypeVar("T", bound="ReviewTemplate")


@_attrs_define
class ReviewTemplate:
    """
    Attributes:
        id (UUID):
        name (str):
        version (int): Every saved change adds one.
        archived (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        description (str | Unset):
        sections (ReviewTemplateSections | Unset): The template's sections, in order: each `{kind, title, help_text,
            rater_kinds, required, questions}` where `kind` is one of capabilities, open, rating, choice, goals;
            `rater_kinds` of self, manager, peer, expert, upward; `questions` a list of `{key, text, help_text, options}`
            (`options` for multiple choice; none for the capability ratings). Keys are made when left out and kept, so
            answers compare across versions.
    """

    id: UUID
    name: str
    version: int
    archived: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: str | Unset = UNSET
    sections: ReviewTemplateSections | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        version = self.version

        archived = self.archived

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

        sections: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sections, Unset):
            sections = self.sections.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "version": version,
                "archived": archived,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if sections is not UNSET:
            field_dict["sections"] = sections

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_template_sections import ReviewTemplateSections  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        version = d.pop("version")

        archived = d.pop("archived")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        _sections = d.pop("sections", UNSET)
        sections: ReviewTemplateSections | Unset
        if isinstance(_sections, Unset):
            sections = UNSET
        else:
            sections = ReviewTemplateSections.from_dict(_sections)

        review_template = cls(
            id=id,
            name=name,
            version=version,
            archived=archived,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            sections=sections,
        )

        review_template.additional_properties = d
        return review_template

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
