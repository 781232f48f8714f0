from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scim_user_urnietfparamsscimschemasextensionenterprise_20_user_manager import (
        ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager,
    )


T = TypeVar("T", bound="ScimUserUrnietfparamsscimschemasextensionenterprise20User")


@_attrs_define
class ScimUserUrnietfparamsscimschemasextensionenterprise20User:
    """
    Attributes:
        department (str | Unset): By name; created when new.
        manager (ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager | Unset):
    """

    department: str | Unset = UNSET
    manager: ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = self.department

        manager: dict[str, Any] | Unset = UNSET
        if not isinstance(self.manager, Unset):
            manager = self.manager.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if department is not UNSET:
            field_dict["department"] = department
        if manager is not UNSET:
            field_dict["manager"] = manager

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scim_user_urnietfparamsscimschemasextensionenterprise_20_user_manager import (
            ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager,  # noqa: PLC0415
        )

        d = dict(src_dict)
        department = d.pop("department", UNSET)

        _manager = d.pop("manager", UNSET)
        manager: ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager | Unset
        if isinstance(_manager, Unset):
            manager = UNSET
        else:
            manager = ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager.from_dict(_manager)

        scim_user_urnietfparamsscimschemasextensionenterprise_20_user = cls(
            department=department,
            manager=manager,
        )

        scim_user_urnietfparamsscimschemasextensionenterprise_20_user.additional_properties = d
        return scim_user_urnietfparamsscimschemasextensionenterprise_20_user

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
