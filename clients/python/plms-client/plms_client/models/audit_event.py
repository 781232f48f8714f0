from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Attributes:
        id (UUID):
        created_at (datetime.datetime):
        actor (str):
        actor_email (None | str):
        action (str):
        object_type (str):
        object_id (None | UUID):
        object_ (str):
        changes (Any):
        reason (str):
        ip_address (None | str):
        user_agent (str):
    """

    id: UUID
    created_at: datetime.datetime
    actor: str
    actor_email: None | str
    action: str
    object_type: str
    object_id: None | UUID
    object_: str
    changes: Any
    reason: str
    ip_address: None | str
    user_agent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at = self.created_at.isoformat()

        actor = self.actor

        actor_email: None | str
        actor_email = self.actor_email

        action = self.action

        object_type = self.object_type

        object_id: None | str
        if isinstance(self.object_id, UUID):
            object_id = str(self.object_id)
        else:
            object_id = self.object_id

        object_ = self.object_

        changes = self.changes

        reason = self.reason

        ip_address: None | str
        ip_address = self.ip_address

        user_agent = self.user_agent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "actor": actor,
                "actor_email": actor_email,
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "object": object_,
                "changes": changes,
                "reason": reason,
                "ip_address": ip_address,
                "user_agent": user_agent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        actor = d.pop("actor")

        def _parse_actor_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_email = _parse_actor_email(d.pop("actor_email"))

        action = d.pop("action")

        object_type = d.pop("object_type")

        def _parse_object_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                object_id_type_0 = UUID(data)

                return object_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        object_id = _parse_object_id(d.pop("object_id"))

        object_ = d.pop("object")

        changes = d.pop("changes")

        reason = d.pop("reason")

        def _parse_ip_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip_address = _parse_ip_address(d.pop("ip_address"))

        user_agent = d.pop("user_agent")

        audit_event = cls(
            id=id,
            created_at=created_at,
            actor=actor,
            actor_email=actor_email,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_=object_,
            changes=changes,
            reason=reason,
            ip_address=ip_address,
            user_agent=user_agent,
        )

        audit_event.additional_properties = d
        return audit_event

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
