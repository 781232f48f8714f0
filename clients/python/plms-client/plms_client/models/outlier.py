from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outlier_kind_enum import OutlierKindEnum
from ..models.suggested_action_enum import SuggestedActionEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.outlier_ratings_item import OutlierRatingsItem


T = TypeVar("T", bound="Outlier")


@_attrs_define
class Outlier:
    """
    Attributes:
        employee (UUID):
        kind (OutlierKindEnum): * `high` - high
            * `low` - low
        ratings (list[OutlierRatingsItem]): The final overall rating in each cycle of the window, newest first.
        count (int): How many of those ratings are top ratings (high) or low ratings (low).
        red_goals (int | None): Active goals that are red now (low performers only).
        missed_check_ins (int | None): Check-ins of the last six months neither held nor cancelled (low performers
            only).
        suggested_action (SuggestedActionEnum): * `retention_review` - retention_review
            * `improvement_plan` - improvement_plan
            * `follow_improvement_plan` - follow_improvement_plan
        improvement_plan (None | Unset | UUID): The person's open performance improvement plan, if any.
    """

    employee: UUID
    kind: OutlierKindEnum
    ratings: list[OutlierRatingsItem]
    count: int
    red_goals: int | None
    missed_check_ins: int | None
    suggested_action: SuggestedActionEnum
    improvement_plan: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        kind = self.kind.value

        ratings = []
        for ratings_item_data in self.ratings:
            ratings_item = ratings_item_data.to_dict()
            ratings.append(ratings_item)

        count = self.count

        red_goals: int | None
        red_goals = self.red_goals

        missed_check_ins: int | None
        missed_check_ins = self.missed_check_ins

        suggested_action = self.suggested_action.value

        improvement_plan: None | str | Unset
        if isinstance(self.improvement_plan, Unset):
            improvement_plan = UNSET
        elif isinstance(self.improvement_plan, UUID):
            improvement_plan = str(self.improvement_plan)
        else:
            improvement_plan = self.improvement_plan

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "employee": employee,
                "kind": kind,
                "ratings": ratings,
                "count": count,
                "red_goals": red_goals,
                "missed_check_ins": missed_check_ins,
                "suggested_action": suggested_action,
            }
        )
        if improvement_plan is not UNSET:
            field_dict["improvement_plan"] = improvement_plan

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outlier_ratings_item import OutlierRatingsItem  # noqa: PLC0415

        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        kind = OutlierKindEnum(d.pop("kind"))

        ratings = []
        _ratings = d.pop("ratings")
        for ratings_item_data in _ratings:
            ratings_item = OutlierRatingsItem.from_dict(ratings_item_data)

            ratings.append(ratings_item)

        count = d.pop("count")

        def _parse_red_goals(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        red_goals = _parse_red_goals(d.pop("red_goals"))

        def _parse_missed_check_ins(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        missed_check_ins = _parse_missed_check_ins(d.pop("missed_check_ins"))

        suggested_action = SuggestedActionEnum(d.pop("suggested_action"))

        def _parse_improvement_plan(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                improvement_plan_type_0 = UUID(data)

                return improvement_plan_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        improvement_plan = _parse_improvement_plan(d.pop("improvement_plan", UNSET))

        outlier = cls(
            employee=employee,
            kind=kind,
            ratings=ratings,
            count=count,
            red_goals=red_goals,
            missed_check_ins=missed_check_ins,
            suggested_action=suggested_action,
            improvement_plan=improvement_plan,
        )

        outlier.additional_properties = d
        return outlier

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
