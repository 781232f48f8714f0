from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.patched_review_template_request_sections import PatchedReviewTemplateRequestSections


T = TypeVar("T", bound="PatchedReviewTemplateRequest")


@_attrs_define
class PatchedReviewTemplateRequest:
    """
    Attributes:
        name (str | Unset):
        description (str | Unset):
        sections (PatchedReviewTemplateRequestSections | Unset): The template's sections, in order: each `{kind, title,
            help_text, rater_kinds, required, questions}` where `kind` is one of capabilities, open, rating, choice, goals;
            `rater_kinds` of self, manager, peer, expert, upward; `questions` a list of `{key, text, help_text, options}`
            (`options` for multiple choice; none for the capability ratings). Keys are made when left out and kept, so
            answers compare across versions.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    sections: PatchedReviewTemplateRequestSections | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        sections: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sections, Unset):
            sections = self.sections.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if sections is not UNSET:
            field_dict["sections"] = sections

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patched_review_template_request_sections import PatchedReviewTemplateRequestSections  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _sections = d.pop("sections", UNSET)
        sections: PatchedReviewTemplateRequestSections | Unset
        if isinstance(_sections, Unset):
            sections = UNSET
        else:
            sections = PatchedReviewTemplateRequestSections.from_dict(_sections)

        patched_review_template_request = cls(
            name=name,
            description=description,
            sections=sections,
        )

        return patched_review_template_request
