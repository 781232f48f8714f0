from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MilestoneRequest")


@_attrs_define
class MilestoneRequest:
    """
    Attributes:
        title (str):
        due_date (datetime.date):
    """

    title: str
    due_date: datetime.date

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        due_date = self.due_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "due_date": due_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        milestone_request = cls(
            title=title,
            due_date=due_date,
        )

        return milestone_request
