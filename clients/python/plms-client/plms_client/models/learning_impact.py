from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.impact_cost import ImpactCost
    from ..models.impact_item import ImpactItem
    from ..models.impact_rates import ImpactRates


T = TypeVar("T", bound="LearningImpact")


@_attrs_define
class LearningImpact:
    """A page of the report's items (the standard envelope) and the organisation's figures.

    Attributes:
        count (int):
        next_ (None | str):
        previous (None | str):
        results (list[ImpactItem]):
        overall (ImpactCost):
        rates (ImpactRates):
        caveat (str):
    """

    count: int
    next_: None | str
    previous: None | str
    results: list[ImpactItem]
    overall: ImpactCost
    rates: ImpactRates
    caveat: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        next_: None | str
        next_ = self.next_

        previous: None | str
        previous = self.previous

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        overall = self.overall.to_dict()

        rates = self.rates.to_dict()

        caveat = self.caveat

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "next": next_,
                "previous": previous,
                "results": results,
                "overall": overall,
                "rates": rates,
                "caveat": caveat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.impact_cost import ImpactCost  # noqa: PLC0415
        from ..models.impact_item import ImpactItem  # noqa: PLC0415
        from ..models.impact_rates import ImpactRates  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.pop("next"))

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(d.pop("previous"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ImpactItem.from_dict(results_item_data)

            results.append(results_item)

        overall = ImpactCost.from_dict(d.pop("overall"))

        rates = ImpactRates.from_dict(d.pop("rates"))

        caveat = d.pop("caveat")

        learning_impact = cls(
            count=count,
            next_=next_,
            previous=previous,
            results=results,
            overall=overall,
            rates=rates,
            caveat=caveat,
        )

        learning_impact.additional_properties = d
        return learning_impact

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
