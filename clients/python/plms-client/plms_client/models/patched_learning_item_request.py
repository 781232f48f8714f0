from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.level_link_request import LevelLinkRequest


T = TypeVar("T", bound="PatchedLearningItemRequest")


@_attrs_define
class PatchedLearningItemRequest:
    """
    Attributes:
        title (str | Unset):
        description (str | Unset):
        kind (str | Unset): One of `course`, `e_learning`, `article`, `video`, `book`, `workshop`, `on_the_job`,
            `stretch`, `mentoring`, `coaching`.
        provider (str | Unset):
        url (str | Unset):
        duration_hours (str | Unset):
        cost (str | Unset):
        language (str | Unset):
        tags (Any | Unset):
        external_id (str | Unset):
        completion_outcome (str | Unset): One of `evidence`, `reassess`, `rating`.
        active (bool | Unset):
        capabilities (list[LevelLinkRequest] | Unset):
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    kind: str | Unset = UNSET
    provider: str | Unset = UNSET
    url: str | Unset = UNSET
    duration_hours: str | Unset = UNSET
    cost: str | Unset = UNSET
    language: str | Unset = UNSET
    tags: Any | Unset = UNSET
    external_id: str | Unset = UNSET
    completion_outcome: str | Unset = UNSET
    active: bool | Unset = UNSET
    capabilities: list[LevelLinkRequest] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        kind = self.kind

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

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if kind is not UNSET:
            field_dict["kind"] = kind
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
        from ..models.level_link_request import LevelLinkRequest  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        kind = d.pop("kind", UNSET)

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
        capabilities: list[LevelLinkRequest] | Unset = UNSET
        if _capabilities is not UNSET:
            capabilities = []
            for capabilities_item_data in _capabilities:
                capabilities_item = LevelLinkRequest.from_dict(capabilities_item_data)

                capabilities.append(capabilities_item)

        patched_learning_item_request = cls(
            title=title,
            description=description,
            kind=kind,
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

        return patched_learning_item_request
