from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_enum import RoleEnum

if TYPE_CHECKING:
    from ..models.organization import Organization


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """
    Attributes:
        organization (Organization):
        role (RoleEnum): * `admin` - admin
            * `member` - member
            * `api_key` - api_key
        scopes (list[str]):
        user (None | str):
        employee (None | UUID):
    """

    organization: Organization
    role: RoleEnum
    scopes: list[str]
    user: None | str
    employee: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organization = self.organization.to_dict()

        role = self.role.value

        scopes = self.scopes

        user: None | str
        user = self.user

        employee: None | str
        if isinstance(self.employee, UUID):
            employee = str(self.employee)
        else:
            employee = self.employee

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organization": organization,
                "role": role,
                "scopes": scopes,
                "user": user,
                "employee": employee,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization import Organization  # noqa: PLC0415

        d = dict(src_dict)
        organization = Organization.from_dict(d.pop("organization"))

        role = RoleEnum(d.pop("role"))

        scopes = cast(list[str], d.pop("scopes"))

        def _parse_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user = _parse_user(d.pop("user"))

        def _parse_employee(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employee_type_0 = UUID(data)

                return employee_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        employee = _parse_employee(d.pop("employee"))

        me = cls(
            organization=organization,
            role=role,
            scopes=scopes,
            user=user,
            employee=employee,
        )

        me.additional_properties = d
        return me

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
