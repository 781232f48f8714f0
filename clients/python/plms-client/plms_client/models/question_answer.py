from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_answer_kind_enum import QuestionAnswerKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionAnswer")


@_attrs_define
class QuestionAnswer:
    """A question the assessment's rater is asked, with their answer.

    Attributes:
        question (str): The question's key.
        section (str):
        kind (QuestionAnswerKindEnum): * `capabilities` - capabilities
            * `open` - open
            * `rating` - rating
            * `choice` - choice
            * `goals` - goals
        text (str):
        help_text (str):
        required (bool):
        answer (str): Words, a level or an option; empty: none.
        options (list[str] | Unset):
    """

    question: str
    section: str
    kind: QuestionAnswerKindEnum
    text: str
    help_text: str
    required: bool
    answer: str
    options: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        question = self.question

        section = self.section

        kind = self.kind.value

        text = self.text

        help_text = self.help_text

        required = self.required

        answer = self.answer

        options: list[str] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "question": question,
                "section": section,
                "kind": kind,
                "text": text,
                "help_text": help_text,
                "required": required,
                "answer": answer,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question = d.pop("question")

        section = d.pop("section")

        kind = QuestionAnswerKindEnum(d.pop("kind"))

        text = d.pop("text")

        help_text = d.pop("help_text")

        required = d.pop("required")

        answer = d.pop("answer")

        options = cast(list[str], d.pop("options", UNSET))

        question_answer = cls(
            question=question,
            section=section,
            kind=kind,
            text=text,
            help_text=help_text,
            required=required,
            answer=answer,
            options=options,
        )

        question_answer.additional_properties = d
        return question_answer

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
