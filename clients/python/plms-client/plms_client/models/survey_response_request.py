from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.survey_response_request_answers import SurveyResponseRequestAnswers


T = TypeVar("T", bound="SurveyResponseRequest")


@_attrs_define
class SurveyResponseRequest:
    """
    Attributes:
        survey (UUID): The survey's public id.
        answers (SurveyResponseRequestAnswers): Answers by question id: a number on a scale, one of a multiple-choice
            question's choices, or text.
    """

    survey: UUID
    answers: SurveyResponseRequestAnswers

    def to_dict(self) -> dict[str, Any]:
        survey = str(self.survey)

        answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "survey": survey,
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_response_request_answers import SurveyResponseRequestAnswers  # noqa: PLC0415

        d = dict(src_dict)
        survey = UUID(d.pop("survey"))

        answers = SurveyResponseRequestAnswers.from_dict(d.pop("answers"))

        survey_response_request = cls(
            survey=survey,
            answers=answers,
        )

        return survey_response_request
