from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.milestone_request import MilestoneRequest


T = TypeVar("T", bound="PlanCreateRequest")


@_attrs_define
class PlanCreateRequest:
    """
    Attributes:
        employee (UUID):
        kind (str | Unset): One of `development`, `improvement`. Default: 'development'.
        start (datetime.date | Unset):
        cycle (None | Unset | UUID):
        title (str | Unset):  Default: ''.
        period_end (datetime.date | Unset):
        milestones (list[MilestoneRequest] | Unset):
        review_dates (list[datetime.date] | Unset):
        reason (str | Unset):  Default: ''.
        goals (list[UUID] | Unset): The public ids of the employee's goals the improvement plan is about.
    """

    employee: UUID
    kind: str | Unset = "development"
    start: datetime.date | Unset = UNSET
    cycle: None | Unset | UUID = UNSET
    title: str | Unset = ""
    period_end: datetime.date | Unset = UNSET
    milestones: list[MilestoneRequest] | Unset = UNSET
    review_dates: list[datetime.date] | Unset = UNSET
    reason: str | Unset = ""
    goals: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        kind = self.kind

        start: str | Unset = UNSET
        if not isinstance(self.start, Unset):
            start = self.start.isoformat()

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        title = self.title

        period_end: str | Unset = UNSET
        if not isinstance(self.period_end, Unset):
            period_end = self.period_end.isoformat()

        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)

        review_dates: list[str] | Unset = UNSET
        if not isinstance(self.review_dates, Unset):
            review_dates = []
            for review_dates_item_data in self.review_dates:
                review_dates_item = review_dates_item_data.isoformat()
                review_dates.append(review_dates_item)

        reason = self.reason

        goals: list[str] | Unset = UNSET
        if not isinstance(self.goals, Unset):
            goals = []
            for goals_item_data in self.goals:
                goals_item = str(goals_item_data)
                goals.append(goals_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if start is not UNSET:
            field_dict["start"] = start
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if title is not UNSET:
            field_dict["title"] = title
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if milestones is not UNSET:
            field_dict["milestones"] = milestones
        if review_dates is not UNSET:
            field_dict["review_dates"] = review_dates
        if reason is not UNSET:
            field_dict["reason"] = reason
        if goals is not UNSET:
            field_dict["goals"] = goals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_request import MilestoneRequest  # noqa: PLC0415

        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        kind = d.pop("kind", UNSET)

        _start = d.pop("start", UNSET)
        start: datetime.date | Unset
        if isinstance(_start, Unset):
            start = UNSET
        else:
            start = datetime.date.fromisoformat(_start)

        def _parse_cycle(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cycle_type_0 = UUID(data)

                return cycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        cycle = _parse_cycle(d.pop("cycle", UNSET))

        title = d.pop("title", UNSET)

        _period_end = d.pop("period_end", UNSET)
        period_end: datetime.date | Unset
        if isinstance(_period_end, Unset):
            period_end = UNSET
        else:
            period_end = datetime.date.fromisoformat(_period_end)

        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneRequest] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneRequest.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        _review_dates = d.pop("review_dates", UNSET)
        review_dates: list[datetime.date] | Unset = UNSET
        if _review_dates is not UNSET:
            review_dates = []
            for review_dates_item_data in _review_dates:
                review_dates_item = datetime.date.fromisoformat(review_dates_item_data)

                review_dates.append(review_dates_item)

        reason = d.pop("reason", UNSET)

        _goals = d.pop("goals", UNSET)
        goals: list[UUID] | Unset = UNSET
        if _goals is not UNSET:
            goals = []
            for goals_item_data in _goals:
                goals_item = UUID(goals_item_data)

                goals.append(goals_item)

        plan_create_request = cls(
            employee=employee,
            kind=kind,
            start=start,
            cycle=cycle,
            title=title,
            period_end=period_end,
            milestones=milestones,
            review_dates=review_dates,
            reason=reason,
            goals=goals,
        )

        return plan_create_request
