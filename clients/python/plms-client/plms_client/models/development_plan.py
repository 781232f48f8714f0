from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DevelopmentPlan")


@_attrs_define
class DevelopmentPlan:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        kind (str): One of `development`, `improvement`.
        status (str): One of `draft`, `proposed`, `approved`, `active`, `completed`.
        title (str):
        period_start (datetime.date):
        period_end (datetime.date):
        built_from (None | UUID):
        budget_hours (str):
        content_gaps (Any):
        review_dates (Any):
        outcome (str): One of `met`, `extended`, `not_met`.
        outcome_note (str):
        approved_by (None | UUID):
        approved_at (datetime.datetime | None):
        activated_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        item_count (int):
        done_count (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        reason (str):
        linked_goals (list[UUID]): An improvement plan: the public ids of the goals it is about.
        hr_signed_off_at (datetime.datetime | None):
    """

    id: UUID
    employee: UUID
    kind: str
    status: str
    title: str
    period_start: datetime.date
    period_end: datetime.date
    built_from: None | UUID
    budget_hours: str
    content_gaps: Any
    review_dates: Any
    outcome: str
    outcome_note: str
    approved_by: None | UUID
    approved_at: datetime.datetime | None
    activated_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    item_count: int
    done_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    reason: str
    linked_goals: list[UUID]
    hr_signed_off_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        kind = self.kind

        status = self.status

        title = self.title

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        built_from: None | str
        if isinstance(self.built_from, UUID):
            built_from = str(self.built_from)
        else:
            built_from = self.built_from

        budget_hours = self.budget_hours

        content_gaps = self.content_gaps

        review_dates = self.review_dates

        outcome = self.outcome

        outcome_note = self.outcome_note

        approved_by: None | str
        if isinstance(self.approved_by, UUID):
            approved_by = str(self.approved_by)
        else:
            approved_by = self.approved_by

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        activated_at: None | str
        if isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        item_count = self.item_count

        done_count = self.done_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        reason = self.reason

        linked_goals = []
        for linked_goals_item_data in self.linked_goals:
            linked_goals_item = str(linked_goals_item_data)
            linked_goals.append(linked_goals_item)

        hr_signed_off_at: None | str
        if isinstance(self.hr_signed_off_at, datetime.datetime):
            hr_signed_off_at = self.hr_signed_off_at.isoformat()
        else:
            hr_signed_off_at = self.hr_signed_off_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "kind": kind,
                "status": status,
                "title": title,
                "period_start": period_start,
                "period_end": period_end,
                "built_from": built_from,
                "budget_hours": budget_hours,
                "content_gaps": content_gaps,
                "review_dates": review_dates,
                "outcome": outcome,
                "outcome_note": outcome_note,
                "approved_by": approved_by,
                "approved_at": approved_at,
                "activated_at": activated_at,
                "completed_at": completed_at,
                "item_count": item_count,
                "done_count": done_count,
                "created_at": created_at,
                "updated_at": updated_at,
                "reason": reason,
                "linked_goals": linked_goals,
                "hr_signed_off_at": hr_signed_off_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        kind = d.pop("kind")

        status = d.pop("status")

        title = d.pop("title")

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        def _parse_built_from(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                built_from_type_0 = UUID(data)

                return built_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        built_from = _parse_built_from(d.pop("built_from"))

        budget_hours = d.pop("budget_hours")

        content_gaps = d.pop("content_gaps")

        review_dates = d.pop("review_dates")

        outcome = d.pop("outcome")

        outcome_note = d.pop("outcome_note")

        def _parse_approved_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_by_type_0 = UUID(data)

                return approved_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_activated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)

                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        activated_at = _parse_activated_at(d.pop("activated_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        item_count = d.pop("item_count")

        done_count = d.pop("done_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        reason = d.pop("reason")

        linked_goals = []
        _linked_goals = d.pop("linked_goals")
        for linked_goals_item_data in _linked_goals:
            linked_goals_item = UUID(linked_goals_item_data)

            linked_goals.append(linked_goals_item)

        def _parse_hr_signed_off_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hr_signed_off_at_type_0 = datetime.datetime.fromisoformat(data)

                return hr_signed_off_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hr_signed_off_at = _parse_hr_signed_off_at(d.pop("hr_signed_off_at"))

        development_plan = cls(
            id=id,
            employee=employee,
            kind=kind,
            status=status,
            title=title,
            period_start=period_start,
            period_end=period_end,
            built_from=built_from,
            budget_hours=budget_hours,
            content_gaps=content_gaps,
            review_dates=review_dates,
            outcome=outcome,
            outcome_note=outcome_note,
            approved_by=approved_by,
            approved_at=approved_at,
            activated_at=activated_at,
            completed_at=completed_at,
            item_count=item_count,
            done_count=done_count,
            created_at=created_at,
            updated_at=updated_at,
            reason=reason,
            linked_goals=linked_goals,
            hr_signed_off_at=hr_signed_off_at,
        )

        development_plan.additional_properties = d
        return development_plan

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
