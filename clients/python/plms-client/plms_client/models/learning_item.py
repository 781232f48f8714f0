from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.level_link import LevelLink


T = TypeVar("T", bound="LearningItem")


@_attrs_define
class LearningItem:
    """
    Attributes:
        id (UUID):
        title (str):
        kind (str): One of `course`, `e_learning`, `article`, `video`, `book`, `workshop`, `on_the_job`, `stretch`,
            `mentoring`, `coaching`.
        mix (str): One of `experience`, `social`, `formal`.
        rating (float | None): The learners' mean rating of the item, 1 (poor) to 5 (excellent); null until someone who
            completed it rated it.
        rating_count (int): How many learners rated the item.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        description (str | Unset):
        provider (str | Unset):
        url (str | Unset):
        duration_hours (str | Unset):
        cost (str | Unset):
        language (str | Unset):
        tags (Any | Unset):
        external_id (str | Unset):
        completion_outcome (str | Unset): One of `evidence`, `reassess`, `rating`.
        active (bool | Unset):
        capabilities (list[LevelLink] | Unset):
    """

    id: UUID
    title: str
    kind: str
    mix: str
    rating: float | None
    rating_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: str | Unset = UNSET
    provider: str | Unset = UNSET
    url: str | Unset = UNSET
    duration_hours: str | Unset = UNSET
    cost: str | Unset = UNSET
    language: str | Unset = UNSET
    tags: Any | Unset = UNSET
    external_id: str | Unset = UNSET
    completion_outcome: str | Unset = UNSET
    active: bool | Unset = UNSET
    capabilities: list[LevelLink] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        title = self.title

        kind = self.kind

        mix = self.mix

        rating: float | None
        rating = self.rating

        rating_count = self.rating_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

        provider = self.provider

        url: str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        duration_hours = self.duration_hours

        cost = self.cost

        language = self.language

        tags = self.tags

        external_id = self.external_id

        completion_outcome = self.completion_outcome

        active = self.active

        capabilities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = []
            for capabilities_item_data in self.capabilities:
                capabilities_item = capabilities_item_data.to_dict()
                capabilities.append(capabilities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "kind": kind,
                "mix": mix,
                "rating": rating,
                "rating_count": rating_count,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if provider is not UNSET:
            field_dict["provider"] = provider
        if url is not UNSET:
            field_dict["url"] = url
        if duration_hours is not UNSET:
            field_dict["duration_hours"] = duration_hours
        if cost is not UNSET:
            field_dict["cost"] = cost
        if language is not UNSET:
            field_dict["language"] = language
        if tags is not UNSET:
            field_dict["tags"] = tags
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if completion_outcome is not UNSET:
            field_dict["completion_outcome"] = completion_outcome
        if active is not UNSET:
            field_dict["active"] = active
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.level_link import LevelLink  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        title = d.pop("title")

        kind = d.pop("kind")

        mix = d.pop("mix")

        def _parse_rating(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rating = _parse_rating(d.pop("rating"))

        rating_count = d.pop("rating_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        provider = d.pop("provider", UNSET)

        def _parse_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        duration_hours = d.pop("duration_hours", UNSET)

        cost = d.pop("cost", UNSET)

        language = d.pop("language", UNSET)

        tags = d.pop("tags", UNSET)

        external_id = d.pop("external_id", UNSET)

        completion_outcome = d.pop("completion_outcome", UNSET)

        active = d.pop("active", UNSET)

        _capabilities = d.pop("capabilities", UNSET)
        capabilities: list[LevelLink] | Unset = UNSET
        if _capabilities is not UNSET:
            capabilities = []
            for capabilities_item_data in _capabilities:
                capabilities_item = LevelLink.from_dict(capabilities_item_data)

                capabilities.append(capabilities_item)

        learning_item = cls(
            id=id,
            title=title,
            kind=kind,
            mix=mix,
            rating=rating,
            rating_count=rating_count,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            provider=provider,
            url=url,
            duration_hours=duration_hours,
            cost=cost,
            language=language,
            tags=tags,
            external_id=external_id,
            completion_outcome=completion_outcome,
            active=active,
            capabilities=capabilities,
        )

        learning_item.additional_properties = d
        return learning_item

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
