from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.gap import Gap


T = TypeVar("T", bound="AspirationGap")


@_attrs_define
class AspirationGap:
    """
    Attributes:
        role (str):
        gap_index (None | str):
        capability_match (int | None): 0-100.
        gaps (list[Gap]):
    """

    role: str
    gap_index: None | str
    capability_match: int | None
    gaps: list[Gap]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        gap_index: None | str
        gap_index = self.gap_index

        capability_match: int | None
        capability_match = self.capability_match

        gaps = []
        for gaps_item_data in self.gaps:
            gaps_item = gaps_item_data.to_dict()
            gaps.append(gaps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "gap_index": gap_index,
                "capability_match": capability_match,
                "gaps": gaps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gap import Gap  # noqa: PLC0415

        d = dict(src_dict)
        role = d.pop("role")

        def _parse_gap_index(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gap_index = _parse_gap_index(d.pop("gap_index"))

        def _parse_capability_match(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capability_match = _parse_capability_match(d.pop("capability_match"))

        gaps = []
        _gaps = d.pop("gaps")
        for gaps_item_data in _gaps:
            gaps_item = Gap.from_dict(gaps_item_data)

            gaps.append(gaps_item)

        aspiration_gap = cls(
            role=role,
            gap_index=gap_index,
            capability_match=capability_match,
            gaps=gaps,
        )

        aspiration_gap.additional_properties = d
        return aspiration_gap

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
