from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.survey_question_kind_enum import SurveyQuestionKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SurveyQuestion")


@_attrs_define
class SurveyQuestion:
    """
    Attributes:
        id (UUID):
        library_key (str | Unset): A shipped question (`enps`, `engagement_proud`, `engagement_recognition`,
            `engagement_growth`, `engagement_manager`, `engagement_workload`, `comment`); its text, kind and scale come from
            the library.
        text (str | Unset):
        kind (SurveyQuestionKindEnum | Unset): * `scale` - Scale
            * `enps` - Employee Net Promoter Score (0-10)
            * `text` - Open text
            * `choice` - Multiple choice
        scale_min (int | Unset):
        scale_max (int | Unset):
        low_label (str | Unset):
        high_label (str | Unset):
        choices (list[str] | Unset):
        required (bool | Unset): Only open text may be optional; other kinds are required.
    """

    id: UUID
    library_key: str | Unset = UNSET
    text: str | Unset = UNSET
    kind: SurveyQuestionKindEnum | Unset = UNSET
    scale_min: int | Unset = UNSET
    scale_max: int | Unset = UNSET
    low_label: str | Unset = UNSET
    high_label: str | Unset = UNSET
    choices: list[str] | Unset = UNSET
    required: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        library_key = self.library_key

        text = self.text

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        scale_min = self.scale_min

        scale_max = self.scale_max

        low_label = self.low_label

        high_label = self.high_label

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        required = self.required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if library_key is not UNSET:
            field_dict["library_key"] = library_key
        if text is not UNSET:
            field_dict["text"] = text
        if kind is not UNSET:
            field_dict["kind"] = kind
        if scale_min is not UNSET:
            field_dict["scale_min"] = scale_min
        if scale_max is not UNSET:
            field_dict["scale_max"] = scale_max
        if low_label is not UNSET:
            field_dict["low_label"] = low_label
        if high_label is not UNSET:
            field_dict["high_label"] = high_label
        if choices is not UNSET:
            field_dict["choices"] = choices
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        library_key = d.pop("library_key", UNSET)

        text = d.pop("text", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: SurveyQuestionKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = SurveyQuestionKindEnum(_kind)

        scale_min = d.pop("scale_min", UNSET)

        scale_max = d.pop("scale_max", UNSET)

        low_label = d.pop("low_label", UNSET)

        high_label = d.pop("high_label", UNSET)

        choices = cast(list[str], d.pop("choices", UNSET))

        required = d.pop("required", UNSET)

        survey_question = cls(
            id=id,
            library_key=library_key,
            text=text,
            kind=kind,
            scale_min=scale_min,
            scale_max=scale_max,
            low_label=low_label,
            high_label=high_label,
            choices=choices,
            required=required,
        )

        survey_question.additional_properties = d
        return survey_question

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
