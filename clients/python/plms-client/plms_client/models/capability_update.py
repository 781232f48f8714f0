from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.offered_content import OfferedContent


T = TypeVar("T", bound="CapabilityUpdate")


@_attrs_define
class CapabilityUpdate:
    """
    Attributes:
        id (UUID): The capability.
        capability_name (str):
        source_key (str): Its catalogue key (empty: not adopted).
        current_revision (int | None):
        offered (bool): Whether a catalogue update is offered.
        offer (None | OfferedContent): The content offered (null: none).
    """

    id: UUID
    capability_name: str
    source_key: str
    current_revision: int | None
    offered: bool
    offer: None | OfferedContent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.offered_content import OfferedContent  # noqa: PLC0415

        id = str(self.id)

        capability_name = self.capability_name

        source_key = self.source_key

        current_revision: int | None
        current_revision = self.current_revision

        offered = self.offered

        offer: dict[str, Any] | None
        if isinstance(self.offer, OfferedContent):
            offer = self.offer.to_dict()
        else:
            offer = self.offer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "capability_name": capability_name,
                "source_key": source_key,
                "current_revision": current_revision,
                "offered": offered,
                "offer": offer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.offered_content import OfferedContent  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        capability_name = d.pop("capability_name")

        source_key = d.pop("source_key")

        def _parse_current_revision(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        current_revision = _parse_current_revision(d.pop("current_revision"))

        offered = d.pop("offered")

        def _parse_offer(data: object) -> None | OfferedContent:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                offer_type_1 = OfferedContent.from_dict(data)

                return offer_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OfferedContent, data)

        offer = _parse_offer(d.pop("offer"))

        capability_update = cls(
            id=id,
            capability_name=capability_name,
            source_key=source_key,
            current_revision=current_revision,
            offered=offered,
            offer=offer,
        )

        capability_update.additional_properties = d
        return capability_update

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
