from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.recurrence_enum import RecurrenceEnum
from ..models.survey_audience_enum import SurveyAudienceEnum
from ..models.survey_status_enum import SurveyStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.survey_question import SurveyQuestion
    from ..models.survey_round import SurveyRound


T = TypeVar("T", bound="Survey")


@_attrs_define
class Survey:
    """
    Attributes:
        id (UUID):
        name (str):
        status (SurveyStatusEnum): * `draft` - Draft
            * `scheduled` - Scheduled
            * `closed` - Closed
        questions (list[SurveyQuestion]):
        rounds (list[SurveyRound]):
        created_at (datetime.datetime):
        scheduled_at (datetime.datetime | None):
        closed_at (datetime.datetime | None):
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

    id: UUID
    name: str
    status: SurveyStatusEnum
    questions: list[SurveyQuestion]
    rounds: list[SurveyRound]
    created_at: datetime.datetime
    scheduled_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    description: str | Unset = UNSET
    audience: SurveyAudienceEnum | Unset = UNSET
    audience_ids: list[UUID] | Unset = UNSET
    recurrence: RecurrenceEnum | Unset = UNSET
    starts_on: datetime.date | None | Unset = UNSET
    open_days: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        status = self.status.value

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        rounds = []
        for rounds_item_data in self.rounds:
            rounds_item = rounds_item_data.to_dict()
            rounds.append(rounds_item)

        created_at = self.created_at.isoformat()

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "questions": questions,
                "rounds": rounds,
                "created_at": created_at,
                "scheduled_at": scheduled_at,
                "closed_at": closed_at,
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
        from ..models.survey_question import SurveyQuestion  # noqa: PLC0415
        from ..models.survey_round import SurveyRound  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        status = SurveyStatusEnum(d.pop("status"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = SurveyQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        rounds = []
        _rounds = d.pop("rounds")
        for rounds_item_data in _rounds:
            rounds_item = SurveyRound.from_dict(rounds_item_data)

            rounds.append(rounds_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

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

        survey = cls(
            id=id,
            name=name,
            status=status,
            questions=questions,
            rounds=rounds,
            created_at=created_at,
            scheduled_at=scheduled_at,
            closed_at=closed_at,
            description=description,
            audience=audience,
            audience_ids=audience_ids,
            recurrence=recurrence,
            starts_on=starts_on,
            open_days=open_days,
        )

        survey.additional_properties = d
        return survey

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
