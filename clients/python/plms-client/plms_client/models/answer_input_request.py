from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AnswerInputRequest")


@_attrs_define
class AnswerInputRequest:
    """
    Attributes:
        question (str):
        value (Any):
    """

    question: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        question = self.question

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "question": question,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question = d.pop("question")

        value = d.pop("value")

        answer_input_request = cls(
            question=question,
            value=value,
        )

        return answer_input_request
