from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.recurrence_enum import RecurrenceEnum
from ..models.survey_audience_enum import SurveyAudienceEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.survey_question_request import SurveyQuestionRequest


T = TypeVar("T", bound="SurveyRequest")


@_attrs_define
class SurveyRequest:
    """
    Attributes:
        name (str):
        questions (list[SurveyQuestionRequest]):
        description (str | Unset):
        audience (SurveyAudienceEnum | Unset): * `everyone` - The whole organisation
            * `departments` - Departments
            * `people` - Chosen people
        audience_ids (list[UUID] | Unset): The departments or people asked, by public id (empty for everyone).
        recurrence (RecurrenceEnum | Unset): * `once` - Once
            * `monthly` - Every month
            * `quarterly` - Every quarter
        starts_on (datetime.date | None | Unset):
        open_days (int | Unset):
    """

    name: str
    questions: list[SurveyQuestionRequest]
    description: str | Unset = UNSET
    audience: SurveyAudienceEnum | Unset = UNSET
    audience_ids: list[UUID] | Unset = UNSET
    recurrence: RecurrenceEnum | Unset = UNSET
    starts_on: datetime.date | None | Unset = UNSET
    open_days: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        description = self.description

        audience: str | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.value

        audience_ids: list[str] | Unset = UNSET
        if not isinstance(self.audience_ids, Unset):
            audience_ids = []
            for audience_ids_item_data in self.audience_ids:
                audience_ids_item = str(audience_ids_item_data)
                audience_ids.append(audience_ids_item)

        recurrence: str | Unset = UNSET
        if not isinstance(self.recurrence, Unset):
            recurrence = self.recurrence.value

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        elif isinstance(self.starts_on, datetime.date):
            starts_on = self.starts_on.isoformat()
        else:
            starts_on = self.starts_on

        open_days = self.open_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "questions": questions,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if audience is not UNSET:
            field_dict["audience"] = audience
        if audience_ids is not UNSET:
            field_dict["audience_ids"] = audience_ids
        if recurrence is not UNSET:
            field_dict["recurrence"] = recurrence
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if open_days is not UNSET:
            field_dict["open_days"] = open_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_question_request import SurveyQuestionRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = SurveyQuestionRequest.from_dict(questions_item_data)

            questions.append(questions_item)

        description = d.pop("description", UNSET)

        _audience = d.pop("audience", UNSET)
        audience: SurveyAudienceEnum | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = SurveyAudienceEnum(_audience)

        _audience_ids = d.pop("audience_ids", UNSET)
        audience_ids: list[UUID] | Unset = UNSET
        if _audience_ids is not UNSET:
            audience_ids = []
            for audience_ids_item_data in _audience_ids:
                audience_ids_item = UUID(audience_ids_item_data)

                audience_ids.append(audience_ids_item)

        _recurrence = d.pop("recurrence", UNSET)
        recurrence: RecurrenceEnum | Unset
        if isinstance(_recurrence, Unset):
            recurrence = UNSET
        else:
            recurrence = RecurrenceEnum(_recurrence)

        def _parse_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_on_type_0 = datetime.date.fromisoformat(data)

                return starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        open_days = d.pop("open_days", UNSET)

        survey_request = cls(
            name=name,
            questions=questions,
            description=description,
            audience=audience,
            audience_ids=audience_ids,
            recurrence=recurrence,
            starts_on=starts_on,
            open_days=open_days,
        )

        return survey_request
