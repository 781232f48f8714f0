from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.email_state_enum import EmailStateEnum

T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Attributes:
        id (UUID):
        recipient (str):
        event (str):
        title (str):
        body (str):
        link (str):
        object_type (str):
        object_id (str):
        occasion (str):
        read (bool):
        read_at (datetime.datetime | None):
        created_at (datetime.datetime):
        email_state (EmailStateEnum): * `none` - Not e-mailed
            * `pending` - Waiting to be sent
            * `digest` - In the daily digest
            * `sending` - Sending
            * `sent` - Sent
            * `failed` - Failed
    """

    id: UUID
    recipient: str
    event: str
    title: str
    body: str
    link: str
    object_type: str
    object_id: str
    occasion: str
    read: bool
    read_at: datetime.datetime | None
    created_at: datetime.datetime
    email_state: EmailStateEnum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        recipient = self.recipient

        event = self.event

        title = self.title

        body = self.body

        link = self.link

        object_type = self.object_type

        object_id = self.object_id

        occasion = self.occasion

        read = self.read

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        created_at = self.created_at.isoformat()

        email_state = self.email_state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "recipient": recipient,
                "event": event,
                "title": title,
                "body": body,
                "link": link,
                "object_type": object_type,
                "object_id": object_id,
                "occasion": occasion,
                "read": read,
                "read_at": read_at,
                "created_at": created_at,
                "email_state": email_state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        recipient = d.pop("recipient")

        event = d.pop("event")

        title = d.pop("title")

        body = d.pop("body")

        link = d.pop("link")

        object_type = d.pop("object_type")

        object_id = d.pop("object_id")

        occasion = d.pop("occasion")

        read = d.pop("read")

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("read_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email_state = EmailStateEnum(d.pop("email_state"))

        notification = cls(
            id=id,
            recipient=recipient,
            event=event,
            title=title,
            body=body,
            link=link,
            object_type=object_type,
            object_id=object_id,
            occasion=occasion,
            read=read,
            read_at=read_at,
            created_at=created_at,
            email_state=email_state,
        )

        notification.additional_properties = d
        return notification

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
