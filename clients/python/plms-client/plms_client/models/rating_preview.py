from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preview_tally import PreviewTally


T = TypeVar("T", bound="RatingPreview")


@_attrs_define
class RatingPreview:
    """
    Attributes:
        id (UUID):
        cycle (UUID):
        employee (UUID):
        employee_name (str):
        capability (UUID):
        capability_key (str):
        level (str):
        target_level (int | None):
        votes (PreviewTally):
        contested (bool):
        my_vote (None | str): The caller's vote (`agree`, `too_high`, `too_low`); null before voting.
    """

    id: UUID
    cycle: UUID
    employee: UUID
    employee_name: str
    capability: UUID
    capability_key: str
    level: str
    target_level: int | None
    votes: PreviewTally
    contested: bool
    my_vote: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        cycle = str(self.cycle)

        employee = str(self.employee)

        employee_name = self.employee_name

        capability = str(self.capability)

        capability_key = self.capability_key

        level = self.level

        target_level: int | None
        target_level = self.target_level

        votes = self.votes.to_dict()

        contested = self.contested

        my_vote: None | str
        my_vote = self.my_vote

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cycle": cycle,
                "employee": employee,
                "employee_name": employee_name,
                "capability": capability,
                "capability_key": capability_key,
                "level": level,
                "target_level": target_level,
                "votes": votes,
                "contested": contested,
                "my_vote": my_vote,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_tally import PreviewTally  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        cycle = UUID(d.pop("cycle"))

        employee = UUID(d.pop("employee"))

        employee_name = d.pop("employee_name")

        capability = UUID(d.pop("capability"))

        capability_key = d.pop("capability_key")

        level = d.pop("level")

        def _parse_target_level(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target_level = _parse_target_level(d.pop("target_level"))

        votes = PreviewTally.from_dict(d.pop("votes"))

        contested = d.pop("contested")

        def _parse_my_vote(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        my_vote = _parse_my_vote(d.pop("my_vote"))

        rating_preview = cls(
            id=id,
            cycle=cycle,
            employee=employee,
            employee_name=employee_name,
            capability=capability,
            capability_key=capability_key,
            level=level,
            target_level=target_level,
            votes=votes,
            contested=contested,
            my_vote=my_vote,
        )

        rating_preview.additional_properties = d
        return rating_preview

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
