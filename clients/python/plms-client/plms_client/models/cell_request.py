from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CellRequest")


@_attrs_define
class CellRequest:
    """
    Attributes:
        rating (int):
        range_from (str):
        min_percent (str):
        max_percent (str):
        range_to (None | str | Unset):
    """

    rating: int
    range_from: str
    min_percent: str
    max_percent: str
    range_to: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        range_from = self.range_from

        min_percent = self.min_percent

        max_percent = self.max_percent

        range_to: None | str | Unset
        if isinstance(self.range_to, Unset):
            range_to = UNSET
        else:
            range_to = self.range_to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rating": rating,
                "range_from": range_from,
                "min_percent": min_percent,
                "max_percent": max_percent,
            }
        )
        if range_to is not UNSET:
            field_dict["range_to"] = range_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating = d.pop("rating")

        range_from = d.pop("range_from")

        min_percent = d.pop("min_percent")

        max_percent = d.pop("max_percent")

        def _parse_range_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        range_to = _parse_range_to(d.pop("range_to", UNSET))

        cell_request = cls(
            rating=rating,
            range_from=range_from,
            min_percent=min_percent,
            max_percent=max_percent,
            range_to=range_to,
        )

        return cell_request
