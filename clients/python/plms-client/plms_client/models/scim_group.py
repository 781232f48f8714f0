from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scim_group_members_item import ScimGroupMembersItem
    from ..models.scim_group_meta import ScimGroupMeta


T = TypeVar("T", bound="ScimGroup")


@_attrs_define
class ScimGroup:
    """A department.

    Attributes:
        display_name (str):
        schemas (list[str] | Unset):
        id (str | Unset):
        members (list[ScimGroupMembersItem] | Unset):
        meta (ScimGroupMeta | Unset):
    """

    display_name: str
    schemas: list[str] | Unset = UNSET
    id: str | Unset = UNSET
    members: list[ScimGroupMembersItem] | Unset = UNSET
    meta: ScimGroupMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        schemas: list[str] | Unset = UNSET
        if not isinstance(self.schemas, Unset):
            schemas = self.schemas

        id = self.id

        members: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = []
            for members_item_data in self.members:
                members_item = members_item_data.to_dict()
                members.append(members_item)

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "displayName": display_name,
            }
        )
        if schemas is not UNSET:
            field_dict["schemas"] = schemas
        if id is not UNSET:
            field_dict["id"] = id
        if members is not UNSET:
            field_dict["members"] = members
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scim_group_members_item import ScimGroupMembersItem  # noqa: PLC0415
        from ..models.scim_group_meta import ScimGroupMeta  # noqa: PLC0415

        d = dict(src_dict)
        display_name = d.pop("displayName")

        schemas = cast(list[str], d.pop("schemas", UNSET))

        id = d.pop("id", UNSET)

        _members = d.pop("members", UNSET)
        members: list[ScimGroupMembersItem] | Unset = UNSET
        if _members is not UNSET:
            members = []
            for members_item_data in _members:
                members_item = ScimGroupMembersItem.from_dict(members_item_data)

                members.append(members_item)

        _meta = d.pop("meta", UNSET)
        meta: ScimGroupMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = ScimGroupMeta.from_dict(_meta)

        scim_group = cls(
            display_name=display_name,
            schemas=schemas,
            id=id,
            members=members,
            meta=meta,
        )

        scim_group.additional_properties = d
        return scim_group

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
