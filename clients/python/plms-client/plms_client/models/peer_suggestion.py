from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PeerSuggestion")


@_attrs_define
class PeerSuggestion:
    """
    Attributes:
        employee (UUID):
        name (str):
        title (str):
        peer_requests (int):
        same_department (bool):
    """

    employee: UUID
    name: str
    title: str
    peer_requests: int
    same_department: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        employee = str(self.employee)

        name = self.name

        title = self.title

        peer_requests = self.peer_requests

        same_department = self.same_department

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "employee": employee,
                "name": name,
                "title": title,
                "peer_requests": peer_requests,
                "same_department": same_department,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employee = UUID(d.pop("employee"))

        name = d.pop("name")

        title = d.pop("title")

        peer_requests = d.pop("peer_requests")

        same_department = d.pop("same_department")

        peer_suggestion = cls(
            employee=employee,
            name=name,
            title=title,
            peer_requests=peer_requests,
            same_department=same_department,
        )

        peer_suggestion.additional_properties = d
        return peer_suggestion

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
