from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bonus_run_rating_multipliers import BonusRunRatingMultipliers
    from ..models.department_multiplier import DepartmentMultiplier


T = TypeVar("T", bound="BonusRun")


@_attrs_define
class BonusRun:
    """
    Attributes:
        id (UUID):
        name (str):
        year (int):
        status (str): `open` or `finalised`.
        opened_at (datetime.datetime):
        finalised_at (datetime.datetime | None):
        cycle (None | Unset | UUID): The cycle whose final overall ratings give each person's individual multiplier.
        company_multiplier (str | Unset):  Default: '1.00'.
        department_multipliers (list[DepartmentMultiplier] | Unset): A department not named counts 1.
        rating_multipliers (BonusRunRatingMultipliers | Unset): The individual multiplier per final rating, e.g. {"5":
            "1.5", "unrated": "1"}; a rating not named takes the default table (5: 1.5, 4: 1.25, 3: 1, 2: 0.5, 1: 0,
            unrated: 1).
    """

    id: UUID
    name: str
    year: int
    status: str
    opened_at: datetime.datetime
    finalised_at: datetime.datetime | None
    cycle: None | Unset | UUID = UNSET
    company_multiplier: str | Unset = "1.00"
    department_multipliers: list[DepartmentMultiplier] | Unset = UNSET
    rating_multipliers: BonusRunRatingMultipliers | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        year = self.year

        status = self.status

        opened_at = self.opened_at.isoformat()

        finalised_at: None | str
        if isinstance(self.finalised_at, datetime.datetime):
            finalised_at = self.finalised_at.isoformat()
        else:
            finalised_at = self.finalised_at

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "year": year,
                "status": status,
                "opened_at": opened_at,
                "finalised_at": finalised_at,
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
        from ..models.bonus_run_rating_multipliers import BonusRunRatingMultipliers  # noqa: PLC0415
        from ..models.department_multiplier import DepartmentMultiplier  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        year = d.pop("year")

        status = d.pop("status")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        def _parse_finalised_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalised_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalised_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalised_at = _parse_finalised_at(d.pop("finalised_at"))

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
        department_multipliers: list[DepartmentMultiplier] | Unset = UNSET
        if _department_multipliers is not UNSET:
            department_multipliers = []
            for department_multipliers_item_data in _department_multipliers:
                department_multipliers_item = DepartmentMultiplier.from_dict(department_multipliers_item_data)

                department_multipliers.append(department_multipliers_item)

        _rating_multipliers = d.pop("rating_multipliers", UNSET)
        rating_multipliers: BonusRunRatingMultipliers | Unset
        if isinstance(_rating_multipliers, Unset):
            rating_multipliers = UNSET
        else:
            rating_multipliers = BonusRunRatingMultipliers.from_dict(_rating_multipliers)

        bonus_run = cls(
            id=id,
            name=name,
            year=year,
            status=status,
            opened_at=opened_at,
            finalised_at=finalised_at,
            cycle=cycle,
            company_multiplier=company_multiplier,
            department_multipliers=department_multipliers,
            rating_multipliers=rating_multipliers,
        )

        bonus_run.additional_properties = d
        return bonus_run

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
