from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.direction_enum import DirectionEnum
from ..models.indicator_enum import IndicatorEnum
from ..models.level_enum import LevelEnum
from ..models.perspective_enum import PerspectiveEnum
from ..models.update_frequency_enum import UpdateFrequencyEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalTemplate")


@_attrs_define
class GoalTemplate:
    """
    Attributes:
        id (UUID):
        name (str):
        title (str):
        created_at (datetime.datetime):
        description (str | Unset):
        level (LevelEnum | Unset): * `strategic` - Strategic
            * `tactical` - Tactical
            * `operational` - Operational
        parent (None | Unset | UUID):
        key_result (None | Unset | UUID):
        capabilities (list[UUID] | Unset):
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
        update_frequency (UpdateFrequencyEnum | Unset): * `weekly` - Weekly
            * `monthly` - Monthly
            * `quarterly` - Quarterly
        weight (float | str | Unset):
    """

    id: UUID
    name: str
    title: str
    created_at: datetime.datetime
    description: str | Unset = UNSET
    level: LevelEnum | Unset = UNSET
    parent: None | Unset | UUID = UNSET
    key_result: None | Unset | UUID = UNSET
    capabilities: list[UUID] | Unset = UNSET
    unit: str | Unset = UNSET
    direction: DirectionEnum | Unset = UNSET
    baseline: float | None | str | Unset = UNSET
    target: float | None | str | Unset = UNSET
    range_low: float | None | str | Unset = UNSET
    range_high: float | None | str | Unset = UNSET
    indicator: IndicatorEnum | Unset = UNSET
    perspective: PerspectiveEnum | Unset = UNSET
    update_frequency: UpdateFrequencyEnum | Unset = UNSET
    weight: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        title = self.title

        created_at = self.created_at.isoformat()

        description = self.description

        level: str | Unset = UNSET
        if not isinstance(self.level, Unset):
            level = self.level.value

        parent: None | str | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        elif isinstance(self.parent, UUID):
            parent = str(self.parent)
        else:
            parent = self.parent

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

        update_frequency: str | Unset = UNSET
        if not isinstance(self.update_frequency, Unset):
            update_frequency = self.update_frequency.value

        weight: float | str | Unset
        if isinstance(self.weight, Unset):
            weight = UNSET
        else:
            weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "title": title,
                "created_at": created_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if level is not UNSET:
            field_dict["level"] = level
        if parent is not UNSET:
            field_dict["parent"] = parent
        if key_result is not UNSET:
            field_dict["key_result"] = key_result
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
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
        if update_frequency is not UNSET:
            field_dict["update_frequency"] = update_frequency
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        title = d.pop("title")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description", UNSET)

        _level = d.pop("level", UNSET)
        level: LevelEnum | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = LevelEnum(_level)

        def _parse_parent(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_type_0 = UUID(data)

                return parent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent = _parse_parent(d.pop("parent", UNSET))

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

        goal_template = cls(
            id=id,
            name=name,
            title=title,
            created_at=created_at,
            description=description,
            level=level,
            parent=parent,
            key_result=key_result,
            capabilities=capabilities,
            unit=unit,
            direction=direction,
            baseline=baseline,
            target=target,
            range_low=range_low,
            range_high=range_high,
            indicator=indicator,
            perspective=perspective,
            update_frequency=update_frequency,
            weight=weight,
        )

        goal_template.additional_properties = d
        return goal_template

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
