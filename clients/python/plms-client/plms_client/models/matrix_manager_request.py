from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="MatrixManagerRequest")


@_attrs_define
class MatrixManagerRequest:
    """
    Attributes:
        manager (UUID):
        weight (int):
    """

    manager: UUID
    weight: int

    def to_dict(self) -> dict[str, Any]:
        manager = str(self.manager)

        weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "manager": manager,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        manager = UUID(d.pop("manager"))

        weight = d.pop("weight")

        matrix_manager_request = cls(
            manager=manager,
            weight=weight,
        )

        return matrix_manager_request
