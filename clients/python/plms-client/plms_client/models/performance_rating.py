from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PerformanceRating")


@_attrs_define
class PerformanceRating:
    """
    Attributes:
        id (UUID):
        cycle (UUID):
        employee (UUID):
        capability_score (None | str):
        goal_score (None | str):
        score (None | str):
        parts (Any):
        proposed_level (int | None):
        manager_level (int | None):
        manager_reason (str):
        confirmed_at (datetime.datetime | None):
        calibrated_level (int | None):
        calibration_reason (str):
        calibrated_at (datetime.datetime | None):
        final_level (int | None):
        stage (str): `proposed`, `confirmed` (by the manager) or `calibrated`.
        rank (int | None): The person's place in their department's ranking of the cycle, 1 first, once HR has ranked
            the group (`rank`); null while the organisation does not rank people (the default) or has not ranked this group
            yet.
        computed_at (datetime.datetime):
    """

    id: UUID
    cycle: UUID
    employee: UUID
    capability_score: None | str
    goal_score: None | str
    score: None | str
    parts: Any
    proposed_level: int | None
    manager_level: int | None
    manager_reason: str
    confirmed_at: datetime.datetime | None
    calibrated_level: int | None
    calibration_reason: str
    calibrated_at: datetime.datetime | None
    final_level: int | None
    stage: str
    rank: int | None
    computed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        cycle = str(self.cycle)

        employee = str(self.employee)

        capability_score: None | str
        capability_score = self.capability_score

        goal_score: None | str
        goal_score = self.goal_score

        score: None | str
        score = self.score

        parts = self.parts

        proposed_level: int | None
        proposed_level = self.proposed_level

        manager_level: int | None
        manager_level = self.manager_level

        manager_reason = self.manager_reason

        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        calibrated_level: int | None
        calibrated_level = self.calibrated_level

        calibration_reason = self.calibration_reason

        calibrated_at: None | str
        if isinstance(self.calibrated_at, datetime.datetime):
            calibrated_at = self.calibrated_at.isoformat()
        else:
            calibrated_at = self.calibrated_at

        final_level: int | None
        final_level = self.final_level

        stage = self.stage

        rank: int | None
        rank = self.rank

        computed_at = self.computed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle": cycle,
                "employee": employee,
                "capability_score": capability_score,
                "goal_score": goal_score,
                "score": score,
                "parts": parts,
                "proposed_level": proposed_level,
                "manager_level": manager_level,
                "manager_reason": manager_reason,
                "confirmed_at": confirmed_at,
                "calibrated_level": calibrated_level,
                "calibration_reason": calibration_reason,
                "calibrated_at": calibrated_at,
                "final_level": final_level,
                "stage": stage,
                "rank": rank,
                "computed_at": computed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        cycle = UUID(d.pop("cycle"))

        employee = UUID(d.pop("employee"))

        def _parse_capability_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        capability_score = _parse_capability_score(d.pop("capability_score"))

        def _parse_goal_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        goal_score = _parse_goal_score(d.pop("goal_score"))

        def _parse_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score = _parse_score(d.pop("score"))

        parts = d.pop("parts")

        def _parse_proposed_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        proposed_level = _parse_proposed_level(d.pop("proposed_level"))

        def _parse_manager_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        manager_level = _parse_manager_level(d.pop("manager_level"))

        manager_reason = d.pop("manager_reason")

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        def _parse_calibrated_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        calibrated_level = _parse_calibrated_level(d.pop("calibrated_level"))

        calibration_reason = d.pop("calibration_reason")

        def _parse_calibrated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calibrated_at_type_0 = datetime.datetime.fromisoformat(data)

                return calibrated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        calibrated_at = _parse_calibrated_at(d.pop("calibrated_at"))

        def _parse_final_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        final_level = _parse_final_level(d.pop("final_level"))

        stage = d.pop("stage")

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))

        performance_rating = cls(
            id=id,
            cycle=cycle,
            employee=employee,
            capability_score=capability_score,
            goal_score=goal_score,
            score=score,
            parts=parts,
            proposed_level=proposed_level,
            manager_level=manager_level,
            manager_reason=manager_reason,
            confirmed_at=confirmed_at,
            calibrated_level=calibrated_level,
            calibration_reason=calibration_reason,
            calibrated_at=calibrated_at,
            final_level=final_level,
            stage=stage,
            rank=rank,
            computed_at=computed_at,
        )

        performance_rating.additional_properties = d
        return performance_rating

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
