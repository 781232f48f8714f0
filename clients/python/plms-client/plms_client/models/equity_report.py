from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.equity_cell import EquityCell
    from ..models.scope_gaps import ScopeGaps


T = TypeVar("T", bound="EquityReport")


@_attrs_define
class EquityReport:
    """
    Attributes:
        attribute (str):
        within (str):
        metric (str): `pay`, or `increase` with a review.
        min_group (int):
        threshold (str):
        cells (list[EquityCell]):
        unexplained_gaps (list[ScopeGaps]):
    """

    attribute: str
    within: str
    metric: str
    min_group: int
    threshold: str
    cells: list[EquityCell]
    unexplained_gaps: list[ScopeGaps]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attribute = self.attribute

        within = self.within

        metric = self.metric

        min_group = self.min_group

        threshold = self.threshold

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)

        unexplained_gaps = []
        for unexplained_gaps_item_data in self.unexplained_gaps:
            unexplained_gaps_item = unexplained_gaps_item_data.to_dict()
            unexplained_gaps.append(unexplained_gaps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attribute": attribute,
                "within": within,
                "metric": metric,
                "min_group": min_group,
                "threshold": threshold,
                "cells": cells,
                "unexplained_gaps": unexplained_gaps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.equity_cell import EquityCell  # noqa: PLC0415
        from ..models.scope_gaps import ScopeGaps  # noqa: PLC0415

        d = dict(src_dict)
        attribute = d.pop("attribute")

        within = d.pop("within")

        metric = d.pop("metric")

        min_group = d.pop("min_group")

        threshold = d.pop("threshold")

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in _cells:
            cells_item = EquityCell.from_dict(cells_item_data)

            cells.append(cells_item)

        unexplained_gaps = []
        _unexplained_gaps = d.pop("unexplained_gaps")
        for unexplained_gaps_item_data in _unexplained_gaps:
            unexplained_gaps_item = ScopeGaps.from_dict(unexplained_gaps_item_data)

            unexplained_gaps.append(unexplained_gaps_item)

        equity_report = cls(
            attribute=attribute,
            within=within,
            metric=metric,
            min_group=min_group,
            threshold=threshold,
            cells=cells,
            unexplained_gaps=unexplained_gaps,
        )

        equity_report.additional_properties = d
        return equity_report

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
