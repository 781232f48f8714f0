from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.potential_assessment_request_scores import PotentialAssessmentRequestScores


T = TypeVar("T", bound="PotentialAssessmentRequest")


@_attrs_define
class PotentialAssessmentRequest:
    """
    Attributes:
        employee (UUID):
        scores (PotentialAssessmentRequestScores): A score 1-3 for every criterion, by its key (the organisation's own,
            or the shipped `learning-agility`, `drive`, `leading-others`, `breadth`).
        cycle (None | Unset | UUID): The cycle it is for.
        note (str | Unset):
    """

    employee: UUID
    scores: PotentialAssessmentRequestScores
    cycle: None | Unset | UUID = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        scores = self.scores.to_dict()

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee": employee,
                "scores": scores,
            }
        )
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.potential_assessment_request_scores import PotentialAssessmentRequestScores  # noqa: PLC0415

        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        scores = PotentialAssessmentRequestScores.from_dict(d.pop("scores"))

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

        potential_assessment_request = cls(
            employee=employee,
            scores=scores,
            cycle=cycle,
            note=note,
        )

        return potential_assessment_request
