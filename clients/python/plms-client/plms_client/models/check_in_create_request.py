from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.cadence_enum import CadenceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckInCreateRequest")


@_attrs_define
class CheckInCreateRequest:
    """
    Attributes:
        report (UUID):
        cadence (CadenceEnum): * `weekly` - weekly
            * `fortnightly` - fortnightly
            * `monthly` - monthly
        manager (None | Unset | UUID):
        first_date (datetime.date | Unset):
    """

    report: UUID
    cadence: CadenceEnum
    manager: None | Unset | UUID = UNSET
    first_date: datetime.date | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        report = str(self.report)

        cadence = self.cadence.value

        manager: None | str | Unset
        if isinstance(self.manager, Unset):
            manager = UNSET
        elif isinstance(self.manager, UUID):
            manager = str(self.manager)
        else:
            manager = self.manager

        first_date: str | Unset = UNSET
        if not isinstance(self.first_date, Unset):
            first_date = self.first_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "report": report,
                "cadence": cadence,
            }
        )
        if manager is not UNSET:
            field_dict["manager"] = manager
        if first_date is not UNSET:
            field_dict["first_date"] = first_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        report = UUID(d.pop("report"))

        cadence = CadenceEnum(d.pop("cadence"))

        def _parse_manager(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                manager_type_0 = UUID(data)

                return manager_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        manager = _parse_manager(d.pop("manager", UNSET))

        _first_date = d.pop("first_date", UNSET)
        first_date: datetime.date | Unset
        if isinstance(_first_date, Unset):
            first_date = UNSET
        else:
            first_date = datetime.date.fromisoformat(_first_date)

        check_in_create_request = cls(
            report=report,
            cadence=cadence,
            manager=manager,
            first_date=first_date,
        )

        return check_in_create_request
