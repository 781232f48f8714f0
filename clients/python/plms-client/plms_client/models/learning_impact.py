from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.impact_cost import ImpactCost
    from ..models.impact_rates import ImpactRates


T = TypeVar("T", bound="LearningImpact")


@_attrs_define
class LearningImpact:
    """The organisation's figures; the rows are collections of their own.

    Attributes:
        overall (ImpactCost):
        rates (ImpactRates):
        caveat (str):
    """

    overall: ImpactCost
    rates: ImpactRates
    caveat: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        overall = self.overall.to_dict()

        rates = self.rates.to_dict()

        caveat = self.caveat

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "overall": overall,
                "rates": rates,
                "caveat": caveat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.impact_cost import ImpactCost  # noqa: PLC0415
        from ..models.impact_rates import ImpactRates  # noqa: PLC0415

        d = dict(src_dict)
        overall = ImpactCost.from_dict(d.pop("overall"))

        rates = ImpactRates.from_dict(d.pop("rates"))

        caveat = d.pop("caveat")

        learning_impact = cls(
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
