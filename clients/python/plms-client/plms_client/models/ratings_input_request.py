from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rating_request import RatingRequest


T = TypeVar("T", bound="RatingsInputRequest")


@_attrs_define
class RatingsInputRequest:
    """
    Attributes:
        ratings (list[RatingRequest]):
    """

    ratings: list[RatingRequest]

    def to_dict(self) -> dict[str, Any]:
        ratings = []
        for ratings_item_data in self.ratings:
            ratings_item = ratings_item_data.to_dict()
            ratings.append(ratings_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ratings": ratings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rating_request import RatingRequest  # noqa: PLC0415

        d = dict(src_dict)
        ratings = []
        _ratings = d.pop("ratings")
        for ratings_item_data in _ratings:
            ratings_item = RatingRequest.from_dict(ratings_item_data)

            ratings.append(ratings_item)

        ratings_input_request = cls(
            ratings=ratings,
        )

        return ratings_input_request
