from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedCheckInPatchRequest")


@_attrs_define
class PatchedCheckInPatchRequest:
    """
    Attributes:
        obstacles (str | Unset):
        priorities (str | Unset):
        shared_notes (str | Unset):
        private_manager_notes (str | Unset):
    """

    obstacles: str | Unset = UNSET
    priorities: str | Unset = UNSET
    shared_notes: str | Unset = UNSET
    private_manager_notes: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        obstacles = self.obstacles

        priorities = self.priorities

        shared_notes = self.shared_notes

        private_manager_notes = self.private_manager_notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if obstacles is not UNSET:
            field_dict["obstacles"] = obstacles
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if shared_notes is not UNSET:
            field_dict["shared_notes"] = shared_notes
        if private_manager_notes is not UNSET:
            field_dict["private_manager_notes"] = private_manager_notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        obstacles = d.pop("obstacles", UNSET)

        priorities = d.pop("priorities", UNSET)

        shared_notes = d.pop("shared_notes", UNSET)

        private_manager_notes = d.pop("private_manager_notes", UNSET)

        patched_check_in_patch_request = cls(
            obstacles=obstacles,
            priorities=priorities,
            shared_notes=shared_notes,
            private_manager_notes=private_manager_notes,
        )

        return patched_check_in_patch_request
