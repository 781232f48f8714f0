from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_preview_entry import WorkflowPreviewEntry


T = TypeVar("T", bound="WorkflowPreview")


@_attrs_define
class WorkflowPreview:
    """
    Attributes:
        anchor (datetime.datetime | None):
        audience_count (int):
        explanation (str):
        sample (list[str]):
        entries (list[WorkflowPreviewEntry]):
    """

    anchor: datetime.datetime | None
    audience_count: int
    explanation: str
    sample: list[str]
    entries: list[WorkflowPreviewEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        anchor: None | str
        if isinstance(self.anchor, datetime.datetime):
            anchor = self.anchor.isoformat()
        else:
            anchor = self.anchor

        audience_count = self.audience_count

        explanation = self.explanation

        sample = self.sample

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "anchor": anchor,
                "audience_count": audience_count,
                "explanation": explanation,
                "sample": sample,
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workflow_preview_entry import WorkflowPreviewEntry  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_anchor(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                anchor_type_0 = datetime.datetime.fromisoformat(data)

                return anchor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        anchor = _parse_anchor(d.pop("anchor"))

        audience_count = d.pop("audience_count")

        explanation = d.pop("explanation")

        sample = cast(list[str], d.pop("sample"))

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = WorkflowPreviewEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        workflow_preview = cls(
            anchor=anchor,
            audience_count=audience_count,
            explanation=explanation,
            sample=sample,
            entries=entries,
        )

        workflow_preview.additional_properties = d
        return workflow_preview

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
