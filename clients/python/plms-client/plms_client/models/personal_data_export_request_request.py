from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonalDataExportRequestRequest")


@_attrs_define
class PersonalDataExportRequestRequest:
    """
    Attributes:
        include_planning (bool | Unset): Include management planning about the person (successor slates, potential,
            talent pools). Left out by default: the product never shows them to the person. Default: False.
    """

    include_planning: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        include_planning = self.include_planning

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if include_planning is not UNSET:
            field_dict["include_planning"] = include_planning

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        include_planning = d.pop("include_planning", UNSET)

        personal_data_export_request_request = cls(
            include_planning=include_planning,
        )

        return personal_data_export_request_request
