from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bonus_run_request_rating_multipliers import BonusRunRequestRatingMultipliers
    from ..models.department_multiplier_request import DepartmentMultiplierRequest


T = TypeVar("T", bound="BonusRunRequest")


@_attrs_define
class BonusRunRequest:
    """
    Attributes:
        name (str):
        year (int):
        cycle (None | Unset | UUID): The cycle whose final overall ratings give each person's individual multiplier.
        company_multiplier (str | Unset):  Default: '1.00'.
        department_multipliers (list[DepartmentMultiplierRequest] | Unset): A department not named counts 1.
        rating_multipliers (BonusRunRequestRatingMultipliers | Unset): The individual multiplier per final rating, e.g.
            {"5": "1.5", "unrated": "1"}; a rating not named takes the default table (5: 1.5, 4: 1.25, 3: 1, 2: 0.5, 1: 0,
            unrated: 1).
    """

    name: str
    year: int
    cycle: None | Unset | UUID = UNSET
    company_multiplier: str | Unset = "1.00"
    department_multipliers: list[DepartmentMultiplierRequest] | Unset = UNSET
    rating_multipliers: BonusRunRequestRatingMultipliers | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        year = self.year

        cycle: None | str | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        elif isinstance(self.cycle, UUID):
            cycle = str(self.cycle)
        else:
            cycle = self.cycle

        company_multiplier = self.company_multiplier

        department_multipliers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.department_multipliers, Unset):
            department_multipliers = []
            for department_multipliers_item_data in self.department_multipliers:
                department_multipliers_item = department_multipliers_item_data.to_dict()
                department_multipliers.append(department_multipliers_item)

        rating_multipliers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rating_multipliers, Unset):
            rating_multipliers = self.rating_multipliers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "year": year,
            }
        )
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if company_multiplier is not UNSET:
            field_dict["company_multiplier"] = company_multiplier
        if department_multipliers is not UNSET:
            field_dict["department_multipliers"] = department_multipliers
        if rating_multipliers is not UNSET:
            field_dict["rating_multipliers"] = rating_multipliers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bonus_run_request_rating_multipliers import BonusRunRequestRatingMultipliers  # noqa: PLC0415
        from ..models.department_multiplier_request import DepartmentMultiplierRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        year = d.pop("year")

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

        company_multiplier = d.pop("company_multiplier", UNSET)

        _department_multipliers = d.pop("department_multipliers", UNSET)
        department_multipliers: list[DepartmentMultiplierRequest] | Unset = UNSET
        if _department_multipliers is not UNSET:
            department_multipliers = []
            for department_multipliers_item_data in _department_multipliers:
                department_multipliers_item = DepartmentMultiplierRequest.from_dict(department_multipliers_item_data)

                department_multipliers.append(department_multipliers_item)

        _rating_multipliers = d.pop("rating_multipliers", UNSET)
        rating_multipliers: BonusRunRequestRatingMultipliers | Unset
        if isinstance(_rating_multipliers, Unset):
            rating_multipliers = UNSET
        else:
            rating_multipliers = BonusRunRequestRatingMultipliers.from_dict(_rating_multipliers)

        bonus_run_request = cls(
            name=name,
            year=year,
            cycle=cycle,
            company_multiplier=company_multiplier,
            department_multipliers=department_multipliers,
            rating_multipliers=rating_multipliers,
        )

        return bonus_run_request
