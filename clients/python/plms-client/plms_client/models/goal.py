from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.direction_enum import DirectionEnum
from ..models.goal_status_enum import GoalStatusEnum
from ..models.indicator_enum import IndicatorEnum
from ..models.level_enum import LevelEnum
from ..models.owner_type_enum import OwnerTypeEnum
from ..models.perspective_enum import PerspectiveEnum
from ..models.update_frequency_enum import UpdateFrequencyEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Goal")


@_attrs_define
class Goal:
    """
    Attributes:
        id (UUID):
        title (str):
        status (GoalStatusEnum): * `draft` - Draft
            * `active` - Active
            * `completed` - Completed
            * `cancelled` - Cancelled
        current (float | None | str):
        progress (None | str):
        rag (None | str):
        likely_to_miss (bool | None):
        has_pending_change (bool):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        description (str | Unset):
        level (LevelEnum | Unset): * `strategic` - Strategic
            * `tactical` - Tactical
            * `operational` - Operational
        owner_type (OwnerTypeEnum | Unset): * `organization` - Organisation
            * `department` - Department
            * `employee` - Employee
        owner_employee (None | Unset | UUID):
        owner_department (None | Unset | UUID):
        contributors (list[UUID] | Unset):
        parents (list[UUID] | Unset):
        key_result (None | Unset | UUID):
        capabilities (list[UUID] | Unset):
        start_date (datetime.date | None | Unset):
        due_date (datetime.date | None | Unset):
        unit (str | Unset):
        direction (DirectionEnum | Unset): * `increase` - Increase
            * `decrease` - Decrease
            * `range` - Stay within a range
        baseline (float | None | str | Unset):
        target (float | None | str | Unset):
        range_low (float | None | str | Unset):
        range_high (float | None | str | Unset):
        indicator (IndicatorEnum | Unset): * `lagging` - Lagging (outcome)
            * `leading` - Leading (driver)
        perspective (PerspectiveEnum | Unset): * `financial` - Financial
            * `customer` - Customer
            * `process` - Internal process
            * `learning` - Learning and growth
        data_source (str | Unset):
        data_steward (None | Unset | UUID):
        update_frequency (UpdateFrequencyEnum | Unset): * `weekly` - Weekly
            * `monthly` - Monthly
            * `quarterly` - Quarterly
        weight (float | str | Unset):
        rag_green_at (float | None | str | Unset):
        rag_amber_at (float | None | str | Unset):
        range_tolerance_percent (float | None | str | Unset):
    """

    id: UUID
    title: str
    status: GoalStatusEnum
    current: float | None | str
    progress: None | str
    rag: None | str
    likely_to_miss: bool | None
    has_pending_change: bool
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: str | Unset = UNSET
    level: LevelEnum | Unset = UNSET
    owner_type: OwnerTypeEnum | Unset = UNSET
    owner_employee: None | Unset | UUID = UNSET
    owner_department: None | Unset | UUID = UNSET
    contributors: list[UUID] | Unset = UNSET
    parents: list[UUID] | Unset = UNSET
    key_result: None | Unset | UUID = UNSET
    capabilities: list[UUID] | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    due_date: datetime.date | None | Unset = UNSET
    unit: str | Unset = UNSET
    direction: DirectionEnum | Unset = UNSET
    baseline: float | None | str | Unset = UNSET
    target: float | None | str | Unset = UNSET
    range_low: float | None | str | Unset = UNSET
    range_high: float | None | str | Unset = UNSET
    indicator: IndicatorEnum | Unset = UNSET
    perspective: PerspectiveEnum | Unset = UNSET
    data_source: str | Unset = UNSET
    data_steward: None | Unset | UUID = UNSET
    update_frequency: UpdateFrequencyEnum | Unset = UNSET
    weight: float | str | Unset = UNSET
    rag_green_at: float | None | str | Unset = UNSET
    rag_amber_at: float | None | str | Unset = UNSET
    range_tolerance_percent: float | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        title = self.title

        status = self.status.value

        current: float | None | str
        current = self.current

        progress: None | str
        progress = self.progress

        rag: None | str
        rag = self.rag

        likely_to_miss: bool | None
        likely_to_miss = self.likely_to_miss

        has_pending_change = self.has_pending_change

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

        level: str | Unset = UNSET
        if not isinstance(self.level, Unset):
            level = self.level.value

        owner_type: str | Unset = UNSET
        if not isinstance(self.owner_type, Unset):
            owner_type = self.owner_type.value

        owner_employee: None | str | Unset
        if isinstance(self.owner_employee, Unset):
            owner_employee = UNSET
        elif isinstance(self.owner_employee, UUID):
            owner_employee = str(self.owner_employee)
        else:
            owner_employee = self.owner_employee

        owner_department: None | str | Unset
        if isinstance(self.owner_department, Unset):
            owner_department = UNSET
        elif isinstance(self.owner_department, UUID):
            owner_department = str(self.owner_department)
        else:
            owner_department = self.owner_department

        contributors: list[str] | Unset = UNSET
        if not isinstance(self.contributors, Unset):
            contributors = []
            for contributors_item_data in self.contributors:
                contributors_item = str(contributors_item_data)
                contributors.append(contributors_item)

        parents: list[str] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = []
            for parents_item_data in self.parents:
                parents_item = str(parents_item_data)
                parents.append(parents_item)

        key_result: None | str | Unset
        if isinstance(self.key_result, Unset):
            key_result = UNSET
        elif isinstance(self.key_result, UUID):
            key_result = str(self.key_result)
        else:
            key_result = self.key_result

        capabilities: list[str] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = []
            for capabilities_item_data in self.capabilities:
                capabilities_item = str(capabilities_item_data)
                capabilities.append(capabilities_item)

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        unit = self.unit

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value

        baseline: float | None | str | Unset
        if isinstance(self.baseline, Unset):
            baseline = UNSET
        else:
            baseline = self.baseline

        target: float | None | str | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        range_low: float | None | str | Unset
        if isinstance(self.range_low, Unset):
            range_low = UNSET
        else:
            range_low = self.range_low

        range_high: float | None | str | Unset
        if isinstance(self.range_high, Unset):
            range_high = UNSET
        else:
            range_high = self.range_high

        indicator: str | Unset = UNSET
        if not isinstance(self.indicator, Unset):
            indicator = self.indicator.value

        perspective: str | Unset = UNSET
        if not isinstance(self.perspective, Unset):
            perspective = self.perspective.value

        data_source = self.data_source

        data_steward: None | str | Unset
        if isinstance(self.data_steward, Unset):
            data_steward = UNSET
        elif isinstance(self.data_steward, UUID):
            data_steward = str(self.data_steward)
        else:
            data_steward = self.data_steward

        update_frequency: str | Unset = UNSET
        if not isinstance(self.update_frequency, Unset):
            update_frequency = self.update_frequency.value

        weight: float | str | Unset
        if isinstance(self.weight, Unset):
            weight = UNSET
        else:
            weight = self.weight

        rag_green_at: float | None | str | Unset
        if isinstance(self.rag_green_at, Unset):
            rag_green_at = UNSET
        else:
            rag_green_at = self.rag_green_at

        rag_amber_at: float | None | str | Unset
        if isinstance(self.rag_amber_at, Unset):
            rag_amber_at = UNSET
        else:
            rag_amber_at = self.rag_amber_at

        range_tolerance_percent: float | None | str | Unset
        if isinstance(self.range_tolerance_percent, Unset):
            range_tolerance_percent = UNSET
        else:
            range_tolerance_percent = self.range_tolerance_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "status": status,
                "current": current,
                "progress": progress,
                "rag": rag,
                "likely_to_miss": likely_to_miss,
                "has_pending_change": has_pending_change,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if level is not UNSET:
            field_dict["level"] = level
        if owner_type is not UNSET:
            field_dict["owner_type"] = owner_type
        if owner_employee is not UNSET:
            field_dict["owner_employee"] = owner_employee
        if owner_department is not UNSET:
            field_dict["owner_department"] = owner_department
        if contributors is not UNSET:
            field_dict["contributors"] = contributors
        if parents is not UNSET:
            field_dict["parents"] = parents
        if key_result is not UNSET:
            field_dict["key_result"] = key_result
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if unit is not UNSET:
            field_dict["unit"] = unit
        if direction is not UNSET:
            field_dict["direction"] = direction
        if baseline is not UNSET:
            field_dict["baseline"] = baseline
        if target is not UNSET:
            field_dict["target"] = target
        if range_low is not UNSET:
            field_dict["range_low"] = range_low
        if range_high is not UNSET:
            field_dict["range_high"] = range_high
        if indicator is not UNSET:
            field_dict["indicator"] = indicator
        if perspective is not UNSET:
            field_dict["perspective"] = perspective
        if data_source is not UNSET:
            field_dict["data_source"] = data_source
        if data_steward is not UNSET:
            field_dict["data_steward"] = data_steward
        if update_frequency is not UNSET:
            field_dict["update_frequency"] = update_frequency
        if weight is not UNSET:
            field_dict["weight"] = weight
        if rag_green_at is not UNSET:
            field_dict["rag_green_at"] = rag_green_at
        if rag_amber_at is not UNSET:
            field_dict["rag_amber_at"] = rag_amber_at
        if range_tolerance_percent is not UNSET:
            field_dict["range_tolerance_percent"] = range_tolerance_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        title = d.pop("title")

        status = GoalStatusEnum(d.pop("status"))

        def _parse_current(data: object) -> float | None | str:
            if data is None:
                return data
            return cast(float | None | str, data)

        current = _parse_current(d.pop("current"))

        def _parse_progress(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        progress = _parse_progress(d.pop("progress"))

        def _parse_rag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rag = _parse_rag(d.pop("rag"))

        def _parse_likely_to_miss(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        likely_to_miss = _parse_likely_to_miss(d.pop("likely_to_miss"))

        has_pending_change = d.pop("has_pending_change")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        _level = d.pop("level", UNSET)
        level: LevelEnum | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = LevelEnum(_level)

        _owner_type = d.pop("owner_type", UNSET)
        owner_type: OwnerTypeEnum | Unset
        if isinstance(_owner_type, Unset):
            owner_type = UNSET
        else:
            owner_type = OwnerTypeEnum(_owner_type)

        def _parse_owner_employee(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_employee_type_0 = UUID(data)

                return owner_employee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_employee = _parse_owner_employee(d.pop("owner_employee", UNSET))

        def _parse_owner_department(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_department_type_0 = UUID(data)

                return owner_department_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_department = _parse_owner_department(d.pop("owner_department", UNSET))

        _contributors = d.pop("contributors", UNSET)
        contributors: list[UUID] | Unset = UNSET
        if _contributors is not UNSET:
            contributors = []
            for contributors_item_data in _contributors:
                contributors_item = UUID(contributors_item_data)

                contributors.append(contributors_item)

        _parents = d.pop("parents", UNSET)
        parents: list[UUID] | Unset = UNSET
        if _parents is not UNSET:
            parents = []
            for parents_item_data in _parents:
                parents_item = UUID(parents_item_data)

                parents.append(parents_item)

        def _parse_key_result(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                key_result_type_0 = UUID(data)

                return key_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        key_result = _parse_key_result(d.pop("key_result", UNSET))

        _capabilities = d.pop("capabilities", UNSET)
        capabilities: list[UUID] | Unset = UNSET
        if _capabilities is not UNSET:
            capabilities = []
            for capabilities_item_data in _capabilities:
                capabilities_item = UUID(capabilities_item_data)

                capabilities.append(capabilities_item)

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        def _parse_due_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        unit = d.pop("unit", UNSET)

        _direction = d.pop("direction", UNSET)
        direction: DirectionEnum | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = DirectionEnum(_direction)

        def _parse_baseline(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        baseline = _parse_baseline(d.pop("baseline", UNSET))

        def _parse_target(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        def _parse_range_low(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        range_low = _parse_range_low(d.pop("range_low", UNSET))

        def _parse_range_high(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        range_high = _parse_range_high(d.pop("range_high", UNSET))

        _indicator = d.pop("indicator", UNSET)
        indicator: IndicatorEnum | Unset
        if isinstance(_indicator, Unset):
            indicator = UNSET
        else:
            indicator = IndicatorEnum(_indicator)

        _perspective = d.pop("perspective", UNSET)
        perspective: PerspectiveEnum | Unset
        if isinstance(_perspective, Unset):
            perspective = UNSET
        else:
            perspective = PerspectiveEnum(_perspective)

        data_source = d.pop("data_source", UNSET)

        def _parse_data_steward(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                data_steward_type_0 = UUID(data)

                return data_steward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        data_steward = _parse_data_steward(d.pop("data_steward", UNSET))

        _update_frequency = d.pop("update_frequency", UNSET)
        update_frequency: UpdateFrequencyEnum | Unset
        if isinstance(_update_frequency, Unset):
            update_frequency = UNSET
        else:
            update_frequency = UpdateFrequencyEnum(_update_frequency)

        def _parse_weight(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        weight = _parse_weight(d.pop("weight", UNSET))

        def _parse_rag_green_at(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        rag_green_at = _parse_rag_green_at(d.pop("rag_green_at", UNSET))

        def _parse_rag_amber_at(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        rag_amber_at = _parse_rag_amber_at(d.pop("rag_amber_at", UNSET))

        def _parse_range_tolerance_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        range_tolerance_percent = _parse_range_tolerance_percent(d.pop("range_tolerance_percent", UNSET))

        goal = cls(
            id=id,
            title=title,
            status=status,
            current=current,
            progress=progress,
            rag=rag,
            likely_to_miss=likely_to_miss,
            has_pending_change=has_pending_change,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            level=level,
            owner_type=owner_type,
            owner_employee=owner_employee,
            owner_department=owner_department,
            contributors=contributors,
            parents=parents,
            key_result=key_result,
            capabilities=capabilities,
            start_date=start_date,
            due_date=due_date,
            unit=unit,
            direction=direction,
            baseline=baseline,
            target=target,
            range_low=range_low,
            range_high=range_high,
            indicator=indicator,
            perspective=perspective,
            data_source=data_source,
            data_steward=data_steward,
            update_frequency=update_frequency,
            weight=weight,
            rag_green_at=rag_green_at,
            rag_amber_at=rag_amber_at,
            range_tolerance_percent=range_tolerance_percent,
        )

        goal.additional_properties = d
        return goal

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
