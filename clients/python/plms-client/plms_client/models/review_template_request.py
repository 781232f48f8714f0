from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review_template_request_sections import ReviewTemplateRequestSections


T = TypeVar("T", bound="ReviewTemplateRequest")


@_attrs_define
class ReviewTemplateRequest:
    """
    Attributes:
        name (str):
        description (str | Unset):
        sections (ReviewTemplateRequestSections | Unset): The template's sections, in order: each `{kind, title,
            help_text, rater_kinds, required, questions}` where `kind` is one of capabilities, open, rating, choice, goals;
            `rater_kinds` of self, manager, peer, expert, upward; `questions` a list of `{key, text, help_text, options}`
            (`options` for multiple choice; none for the capability ratings). Keys are made when left out and kept, so
            answers compare across versions.
    """

    name: str
    description: str | Unset = UNSET
    sections: ReviewTemplateRequestSections | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        sections: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sections, Unset):
            sections = self.sections.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if sections is not UNSET:
            field_dict["sections"] = sections

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_template_request_sections import ReviewTemplateRequestSections  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _sections = d.pop("sections", UNSET)
        sections: ReviewTemplateRequestSections | Unset
        if isinstance(_sections, Unset):
            sections = UNSET
        else:
            sections = ReviewTemplateRequestSections.from_dict(_sections)

        review_template_request = cls(
            name=name,
            description=description,
            sections=sections,
        )

        return review_template_request
