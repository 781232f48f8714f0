from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemProgressRequest")


@_attrs_define
class ItemProgressRequest:
    """
    Attributes:
        item (UUID): The plan item's id.
        status (str): One of `not_started`, `in_progress`, `done`.
        evidence (str | Unset):
        reflection (str | Unset):
    """

    item: UUID
    status: str
    evidence: str | Unset = UNSET
    reflection: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        item = str(self.item)

        status = self.status

        evidence = self.evidence

        reflection = self.reflection

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item": item,
                "status": status,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if reflection is not UNSET:
            field_dict["reflection"] = reflection

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = UUID(d.pop("item"))

        status = d.pop("status")

        evidence = d.pop("evidence", UNSET)

        reflection = d.pop("reflection", UNSET)

        item_progress_request = cls(
            item=item,
            status=status,
            evidence=evidence,
            reflection=reflection,
        )

        return item_progress_request
