from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.review_template_version_sections import ReviewTemplateVersionSections


T = TypeVar("T", bound="ReviewTemplateVersion")


@_attrs_define
class ReviewTemplateVersion:
    """
    Attributes:
        number (int):
        name (str):
        sections (ReviewTemplateVersionSections):
        created_at (datetime.datetime):
    """

    number: int
    name: str
    sections: ReviewTemplateVersionSections
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        name = self.name

        sections = self.sections.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "name": name,
                "sections": sections,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_template_version_sections import ReviewTemplateVersionSections  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        name = d.pop("name")

        sections = ReviewTemplateVersionSections.from_dict(d.pop("sections"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        review_template_version = cls(
            number=number,
            name=name,
            sections=sections,
            created_at=created_at,
        )

        review_template_version.additional_properties = d
        return review_template_version

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
