from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BulkMatrixManagerRequest")


@_attrs_define
class BulkMatrixManagerRequest:
    """A matrix manager, by e-mail, with their weight in percent.

    Attributes:
        email (str):
        weight (int):
    """

    email: str
    weight: int

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        weight = d.pop("weight")

        bulk_matrix_manager_request = cls(
            email=email,
            weight=weight,
        )

        return bulk_matrix_manager_request
