from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.blank_enum import BlankEnum
from ..models.leave_rule_enum import LeaveRuleEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.budget_request import BudgetRequest
    from ..models.cell_request import CellRequest


T = TypeVar("T", bound="ReviewRequest")


@_attrs_define
class ReviewRequest:
    """
    Attributes:
        name (str):
        effective_date (datetime.date):
        proposal_deadline (datetime.date):
        budgets (list[BudgetRequest]):
        cycle (None | Unset | UUID):
        eligible_started_before (datetime.date | None | Unset): Only people who started before this date take part.
        leave_rule (BlankEnum | LeaveRuleEnum | Unset): What happens to people on leave on the effective date, or with
            more than `leave_days_over` days of leave in the period.

            * `` - Leave does not count
            * `exclude` - Not eligible
            * `flag` - Eligible, flagged
        leave_days_over (int | None | Unset): Days of leave in the period (the cycle's, else the year before the
            effective date) past which the leave rule applies; empty: only leave on the date.
        hard_budget (bool | Unset):
        matrix (list[CellRequest] | Unset):
    """

    name: str
    effective_date: datetime.date
    proposal_deadline: datetime.date
    budgets: list[BudgetRequest]
    cycle: None | Unset | UUID = UNSET
    eligible_started_before: datetime.date | None | Unset = UNSET
    leave_rule: BlankEnum | LeaveRuleEnum | Unset = UNSET
    leave_days_over: int | None | Unset = UNSET
    hard_budget: bool | Unset = UNSET
    matrix: list[CellRequest] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        effective_date = self.effective_date.isoformat()

        proposal_deadline = self.proposal_deadline.isoformat()

        budgets = []
        for budgets_item_data in self.budgets:
            budgets_item = budgets_item_data.to_dict()
            budgets.append(budgets_item)

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        eligible_started_before: None | str | Unset
        if isinstance(self.eligible_started_before, Unset):
            eligible_started_before = UNSET
        elif isinstance(self.eligible_started_before, datetime.date):
            eligible_started_before = self.eligible_started_before.isoformat()
        else:
            eligible_started_before = self.eligible_started_before

        leave_rule: str | Unset
        if isinstance(self.leave_rule, Unset):
            leave_rule = UNSET
        elif isinstance(self.leave_rule, LeaveRuleEnum):
            leave_rule = self.leave_rule.value
        else:
            leave_rule = self.leave_rule.value

        leave_days_over: int | None | Unset
        if isinstance(self.leave_days_over, Unset):
            leave_days_over = UNSET
        else:
            leave_days_over = self.leave_days_over

        hard_budget = self.hard_budget

        matrix: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.matrix, Unset):
            matrix = []
            for matrix_item_data in self.matrix:
                matrix_item = matrix_item_data.to_dict()
                matrix.append(matrix_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "effective_date": effective_date,
                "proposal_deadline": proposal_deadline,
                "budgets": budgets,
            }
        )
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if eligible_started_before is not UNSET:
            field_dict["eligible_started_before"] = eligible_started_before
        if leave_rule is not UNSET:
            field_dict["leave_rule"] = leave_rule
        if leave_days_over is not UNSET:
            field_dict["leave_days_over"] = leave_days_over
        if hard_budget is not UNSET:
            field_dict["hard_budget"] = hard_budget
        if matrix is not UNSET:
            field_dict["matrix"] = matrix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget_request import BudgetRequest  # noqa: PLC0415
        from ..models.cell_request import CellRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        effective_date = datetime.date.fromisoformat(d.pop("effective_date"))

        proposal_deadline = datetime.date.fromisoformat(d.pop("proposal_deadline"))

        budgets = []
        _budgets = d.pop("budgets")
        for budgets_item_data in _budgets:
            budgets_item = BudgetRequest.from_dict(budgets_item_data)

            budgets.append(budgets_item)

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

        def _parse_eligible_started_before(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                eligible_started_before_type_0 = datetime.date.fromisoformat(data)

                return eligible_started_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        eligible_started_before = _parse_eligible_started_before(d.pop("eligible_started_before", UNSET))

        def _parse_leave_rule(data: object) -> BlankEnum | LeaveRuleEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                leave_rule_type_0 = LeaveRuleEnum(data)

                return leave_rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            leave_rule_type_1 = BlankEnum(data)

            return leave_rule_type_1

        leave_rule = _parse_leave_rule(d.pop("leave_rule", UNSET))

        def _parse_leave_days_over(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        leave_days_over = _parse_leave_days_over(d.pop("leave_days_over", UNSET))

        hard_budget = d.pop("hard_budget", UNSET)

        _matrix = d.pop("matrix", UNSET)
        matrix: list[CellRequest] | Unset = UNSET
        if _matrix is not UNSET:
            matrix = []
            for matrix_item_data in _matrix:
                matrix_item = CellRequest.from_dict(matrix_item_data)

                matrix.append(matrix_item)

        review_request = cls(
            name=name,
            effective_date=effective_date,
            proposal_deadline=proposal_deadline,
            budgets=budgets,
            cycle=cycle,
            eligible_started_before=eligible_started_before,
            leave_rule=leave_rule,
            leave_days_over=leave_days_over,
            hard_budget=hard_budget,
            matrix=matrix,
        )

        return review_request
