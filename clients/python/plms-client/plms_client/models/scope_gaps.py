from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.adjusted_gap import AdjustedGap


T = TypeVar("T", bound="ScopeGaps")


@_attrs_define
class ScopeGaps:
    """
    Attributes:
        scope (str): `All grades`, or a grade's name.
        grade (None | UUID):
        reference (None | str):
        people (int):
        estimated (bool): False when there are too few people to separate the effects.
        groups (list[AdjustedGap]):
    """

    scope: str
    grade: None | UUID
    reference: None | str
    people: int
    estimated: bool
    groups: list[AdjustedGap]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        grade: None | str
        if isinstance(self.grade, UUID):
            grade = str(self.grade)
        else:
            grade = self.grade

        reference: None | str
        reference = self.reference

        people = self.people

        estimated = self.estimated

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope": scope,
                "grade": grade,
                "reference": reference,
                "people": people,
                "estimated": estimated,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adjusted_gap import AdjustedGap  # noqa: PLC0415

        d = dict(src_dict)
        scope = d.pop("scope")

        def _parse_grade(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grade_type_0 = UUID(data)

                return grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        grade = _parse_grade(d.pop("grade"))

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        people = d.pop("people")

        estimated = d.pop("estimated")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = AdjustedGap.from_dict(groups_item_data)

            groups.append(groups_item)

        scope_gaps = cls(
            scope=scope,
            grade=grade,
            reference=reference,
            people=people,
            estimated=estimated,
            groups=groups,
        )

        scope_gaps.additional_properties = d
        return scope_gaps

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
