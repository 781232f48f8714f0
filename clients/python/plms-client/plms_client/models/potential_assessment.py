from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.potential_assessment_scores import PotentialAssessmentScores


T = TypeVar("T", bound="PotentialAssessment")


@_attrs_define
class PotentialAssessment:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        scores (PotentialAssessmentScores): A score 1-3 for every criterion, by its key (the organisation's own, or the
            shipped `learning-agility`, `drive`, `leading-others`, `breadth`).
        level (int):
        calibrated_level (int | None):
        calibration_reason (str):
        effective_level (int):
        created_at (datetime.datetime):
        cycle (None | Unset | UUID): The cycle it is for.
        note (str | Unset):
    """

    id: UUID
    employee: UUID
    scores: PotentialAssessmentScores
    level: int
    calibrated_level: int | None
    calibration_reason: str
    effective_level: int
    created_at: datetime.datetime
    cycle: None | Unset | UUID = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        scores = self.scores.to_dict()

        level = self.level

        calibrated_level: int | None
        calibrated_level = self.calibrated_level

        calibration_reason = self.calibration_reason

        effective_level = self.effective_level

        created_at = self.created_at.isoformat()

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "scores": scores,
                "level": level,
                "calibrated_level": calibrated_level,
                "calibration_reason": calibration_reason,
                "effective_level": effective_level,
                "created_at": created_at,
            }
        )
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.potential_assessment_scores import PotentialAssessmentScores  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        scores = PotentialAssessmentScores.from_dict(d.pop("scores"))

        level = d.pop("level")

        def _parse_calibrated_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        calibrated_level = _parse_calibrated_level(d.pop("calibrated_level"))

        calibration_reason = d.pop("calibration_reason")

        effective_level = d.pop("effective_level")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        note = d.pop("note", UNSET)

        potential_assessment = cls(
            id=id,
            employee=employee,
            scores=scores,
            level=level,
            calibrated_level=calibrated_level,
            calibration_reason=calibration_reason,
            effective_level=effective_level,
            created_at=created_at,
            cycle=cycle,
            note=note,
        )

        potential_assessment.additional_properties = d
        return potential_assessment

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
