from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="LevelLinkRequest")


@_attrs_define
class LevelLinkRequest:
    """
    Attributes:
        capability (UUID):
        level_from (int):
        level_to (int):
    """

    capability: UUID
    level_from: int
    level_to: int

    def to_dict(self) -> dict[str, Any]:
        capability = str(self.capability)

        level_from = self.level_from

        level_to = self.level_to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capability": capability,
                "level_from": level_from,
                "level_to": level_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capability = UUID(d.pop("capability"))

        level_from = d.pop("level_from")

        level_to = d.pop("level_to")

        level_link_request = cls(
            capability=capability,
            level_from=level_from,
            level_to=level_to,
        )

        return level_link_request
