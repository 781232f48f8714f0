from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scim_user_emails_item import ScimUserEmailsItem
    from ..models.scim_user_meta import ScimUserMeta
    from ..models.scim_user_name import ScimUserName
    from ..models.scim_user_roles_item import ScimUserRolesItem
    from ..models.scim_user_urnietfparamsscimschemasextensionenterprise_20_user import (
        ScimUserUrnietfparamsscimschemasextensionenterprise20User,
    )


T = TypeVar("T", bound="ScimUser")


@_attrs_define
class ScimUser:
    """An employee. `roles`: the one job role held (`value` its key or id; a person holds one role, so several roles are
    refused).

        Attributes:
            user_name (str): The work e-mail.
            schemas (list[str] | Unset):
            id (str | Unset):
            external_id (str | Unset):
            name (ScimUserName | Unset):
            display_name (str | Unset):
            title (str | Unset): Free text; not the job role.
            active (bool | Unset):
            emails (list[ScimUserEmailsItem] | Unset):
            roles (list[ScimUserRolesItem] | Unset):
            urnietfparamsscimschemasextensionenterprise_2_0_user (ScimUserUrnietfparamsscimschemasextensionenterprise20User
                | Unset):
            meta (ScimUserMeta | Unset):
    """

    user_name: str
    schemas: list[str] | Unset = UNSET
    id: str | Unset = UNSET
    external_id: str | Unset = UNSET
    name: ScimUserName | Unset = UNSET
    display_name: str | Unset = UNSET
    title: str | Unset = UNSET
    active: bool | Unset = UNSET
    emails: list[ScimUserEmailsItem] | Unset = UNSET
    roles: list[ScimUserRolesItem] | Unset = UNSET
    urnietfparamsscimschemasextensionenterprise_2_0_user: (
        ScimUserUrnietfparamsscimschemasextensionenterprise20User | Unset
    ) = UNSET
    meta: ScimUserMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_name = self.user_name

        schemas: list[str] | Unset = UNSET
        if not isinstance(self.schemas, Unset):
            schemas = self.schemas

        id = self.id

        external_id = self.external_id

        name: dict[str, Any] | Unset = UNSET
        if not isinstance(self.name, Unset):
            name = self.name.to_dict()

        display_name = self.display_name

        title = self.title

        active = self.active

        emails: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.emails, Unset):
            emails = []
            for emails_item_data in self.emails:
                emails_item = emails_item_data.to_dict()
                emails.append(emails_item)

        roles: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.to_dict()
                roles.append(roles_item)

        urnietfparamsscimschemasextensionenterprise_2_0_user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.urnietfparamsscimschemasextensionenterprise_2_0_user, Unset):
            urnietfparamsscimschemasextensionenterprise_2_0_user = (
                self.urnietfparamsscimschemasextensionenterprise_2_0_user.to_dict()
            )

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userName": user_name,
            }
        )
        if schemas is not UNSET:
            field_dict["schemas"] = schemas
        if id is not UNSET:
            field_dict["id"] = id
        if external_id is not UNSET:
            field_dict["externalId"] = external_id
        if name is not UNSET:
            field_dict["name"] = name
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if title is not UNSET:
            field_dict["title"] = title
        if active is not UNSET:
            field_dict["active"] = active
        if emails is not UNSET:
            field_dict["emails"] = emails
        if roles is not UNSET:
            field_dict["roles"] = roles
        if urnietfparamsscimschemasextensionenterprise_2_0_user is not UNSET:
            field_dict["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = (
                urnietfparamsscimschemasextensionenterprise_2_0_user
            )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scim_user_emails_item import ScimUserEmailsItem  # noqa: PLC0415
        from ..models.scim_user_meta import ScimUserMeta  # noqa: PLC0415
        from ..models.scim_user_name import ScimUserName  # noqa: PLC0415
        from ..models.scim_user_roles_item import ScimUserRolesItem  # noqa: PLC0415
        from ..models.scim_user_urnietfparamsscimschemasextensionenterprise_20_user import (
            ScimUserUrnietfparamsscimschemasextensionenterprise20User,  # noqa: PLC0415
        )

        d = dict(src_dict)
        user_name = d.pop("userName")

        schemas = cast(list[str], d.pop("schemas", UNSET))

        id = d.pop("id", UNSET)

        external_id = d.pop("externalId", UNSET)

        _name = d.pop("name", UNSET)
        name: ScimUserName | Unset
        if isinstance(_name, Unset):
            name = UNSET
        else:
            name = ScimUserName.from_dict(_name)

        display_name = d.pop("displayName", UNSET)

        title = d.pop("title", UNSET)

        active = d.pop("active", UNSET)

        _emails = d.pop("emails", UNSET)
        emails: list[ScimUserEmailsItem] | Unset = UNSET
        if _emails is not UNSET:
            emails = []
            for emails_item_data in _emails:
                emails_item = ScimUserEmailsItem.from_dict(emails_item_data)

                emails.append(emails_item)

        _roles = d.pop("roles", UNSET)
        roles: list[ScimUserRolesItem] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = ScimUserRolesItem.from_dict(roles_item_data)

                roles.append(roles_item)

        _urnietfparamsscimschemasextensionenterprise_2_0_user = d.pop(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", UNSET
        )
        urnietfparamsscimschemasextensionenterprise_2_0_user: (
            ScimUserUrnietfparamsscimschemasextensionenterprise20User | Unset
        )
        if isinstance(_urnietfparamsscimschemasextensionenterprise_2_0_user, Unset):
            urnietfparamsscimschemasextensionenterprise_2_0_user = UNSET
        else:
            urnietfparamsscimschemasextensionenterprise_2_0_user = (
                ScimUserUrnietfparamsscimschemasextensionenterprise20User.from_dict(
                    _urnietfparamsscimschemasextensionenterprise_2_0_user
                )
            )

        _meta = d.pop("meta", UNSET)
        meta: ScimUserMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = ScimUserMeta.from_dict(_meta)

        scim_user = cls(
            user_name=user_name,
            schemas=schemas,
            id=id,
            external_id=external_id,
            name=name,
            display_name=display_name,
            title=title,
            active=active,
            emails=emails,
            roles=roles,
            urnietfparamsscimschemasextensionenterprise_2_0_user=urnietfparamsscimschemasextensionenterprise_2_0_user,
            meta=meta,
        )

        scim_user.additional_properties = d
        return scim_user

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
