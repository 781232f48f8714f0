from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.enps import Enps
    from ..models.question_result import QuestionResult


T = TypeVar("T", bound="SurveyResult")


@_attrs_define
class SurveyResult:
    """
    Attributes:
        round_ (int):
        round_id (UUID):
        opens_at (datetime.datetime):
        suppressed (bool): No figures are given.
        reason (str): Why suppressed: `below_minimum`, `complement` (it would reveal a smaller group) or `parent` (a
            larger group it belongs to is suppressed); empty when shown.
        responses (int | None):
        enps (Enps | None):
        engagement (float | None): Mean of the scale questions, as % of each scale.
        questions (list[QuestionResult]):
        comments (list[str]): Open answers, in alphabetical order.
        department (None | Unset | UUID):
        team (None | Unset | UUID): The manager whose direct reports the group is.
    """

    round_: int
    round_id: UUID
    opens_at: datetime.datetime
    suppressed: bool
    reason: str
    responses: int | None
    enps: Enps | None
    engagement: float | None
    questions: list[QuestionResult]
    comments: list[str]
    department: None | Unset | UUID = UNSET
    team: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.enps import Enps  # noqa: PLC0415

        round_ = self.round_

        round_id = str(self.round_id)

        opens_at = self.opens_at.isoformat()

        suppressed = self.suppressed

        reason = self.reason

        responses: int | None
        responses = self.responses

        enps: dict[str, Any] | None
        if isinstance(self.enps, Enps):
            enps = self.enps.to_dict()
        else:
            enps = self.enps

        engagement: float | None
        engagement = self.engagement

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        comments = self.comments

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        elif isinstance(self.department, UUID):
            department = str(self.department)
        else:
            department = self.department

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        elif isinstance(self.team, UUID):
            team = str(self.team)
        else:
            team = self.team

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "round": round_,
                "round_id": round_id,
                "opens_at": opens_at,
                "suppressed": suppressed,
                "reason": reason,
                "responses": responses,
                "enps": enps,
                "engagement": engagement,
                "questions": questions,
                "comments": comments,
            }
        )
        if department is not UNSET:
            field_dict["department"] = department
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.enps import Enps  # noqa: PLC0415
        from ..models.question_result import QuestionResult  # noqa: PLC0415

        d = dict(src_dict)
        round_ = d.pop("round")

        round_id = UUID(d.pop("round_id"))

        opens_at = datetime.datetime.fromisoformat(d.pop("opens_at"))

        suppressed = d.pop("suppressed")

        reason = d.pop("reason")

        def _parse_responses(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        responses = _parse_responses(d.pop("responses"))

        def _parse_enps(data: object) -> Enps | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                enps_type_1 = Enps.from_dict(data)

                return enps_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Enps | None, data)

        enps = _parse_enps(d.pop("enps"))

        def _parse_engagement(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        engagement = _parse_engagement(d.pop("engagement"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuestionResult.from_dict(questions_item_data)

            questions.append(questions_item)

        comments = cast(list[str], d.pop("comments"))

        def _parse_department(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_type_0 = UUID(data)

                return department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        department = _parse_department(d.pop("department", UNSET))

        def _parse_team(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_type_0 = UUID(data)

                return team_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        team = _parse_team(d.pop("team", UNSET))

        survey_result = cls(
            round_=round_,
            round_id=round_id,
            opens_at=opens_at,
            suppressed=suppressed,
            reason=reason,
            responses=responses,
            enps=enps,
            engagement=engagement,
            questions=questions,
            comments=comments,
            department=department,
            team=team,
        )

        survey_result.additional_properties = d
        return survey_result

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
