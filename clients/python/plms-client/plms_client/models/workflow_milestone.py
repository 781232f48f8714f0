from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.escalate_to_enum import EscalateToEnum
from ..models.recipients_enum import RecipientsEnum
from ..models.relative_to_enum import RelativeToEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_milestone_config import WorkflowMilestoneConfig


T = TypeVar("T", bound="WorkflowMilestone")


@_attrs_define
class WorkflowMilestone:
    """
    Attributes:
        id (UUID):
        position (int):
        name (str):
        kind (str): A registered milestone kind, e.g. `send_message`.
        relative_to (RelativeToEnum | Unset): * `trigger` - the trigger
            * `previous` - the previous milestone
        offset_days (int | Unset):
        due_days (int | Unset):
        recipients (RecipientsEnum | Unset): * `employee` - The employee
            * `manager` - The manager
            * `both` - The employee and the manager
        message (str | Unset):
        remind_before_days (int | Unset):
        remind_on_due (bool | Unset):
        remind_overdue_days (int | Unset):
        escalate_after_days (int | Unset):
        escalate_to (EscalateToEnum | Unset): * `managers_manager` - The manager's manager
            * `hr_admins` - HR admins
        condition (str | Unset): A registered condition, or empty.
        config (WorkflowMilestoneConfig | Unset):
    """

    id: UUID
    position: int
    name: str
    kind: str
    relative_to: RelativeToEnum | Unset = UNSET
    offset_days: int | Unset = UNSET
    due_days: int | Unset = UNSET
    recipients: RecipientsEnum | Unset = UNSET
    message: str | Unset = UNSET
    remind_before_days: int | Unset = UNSET
    remind_on_due: bool | Unset = UNSET
    remind_overdue_days: int | Unset = UNSET
    escalate_after_days: int | Unset = UNSET
    escalate_to: EscalateToEnum | Unset = UNSET
    condition: str | Unset = UNSET
    config: WorkflowMilestoneConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        position = self.position

        name = self.name

        kind = self.kind

        relative_to: str | Unset = UNSET
        if not isinstance(self.relative_to, Unset):
            relative_to = self.relative_to.value

        offset_days = self.offset_days

        due_days = self.due_days

        recipients: str | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = self.recipients.value

        message = self.message

        remind_before_days = self.remind_before_days

        remind_on_due = self.remind_on_due

        remind_overdue_days = self.remind_overdue_days

        escalate_after_days = self.escalate_after_days

        escalate_to: str | Unset = UNSET
        if not isinstance(self.escalate_to, Unset):
            escalate_to = self.escalate_to.value

        condition = self.condition

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "position": position,
                "name": name,
                "kind": kind,
            }
        )
        if relative_to is not UNSET:
            field_dict["relative_to"] = relative_to
        if offset_days is not UNSET:
            field_dict["offset_days"] = offset_days
        if due_days is not UNSET:
            field_dict["due_days"] = due_days
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if message is not UNSET:
            field_dict["message"] = message
        if remind_before_days is not UNSET:
            field_dict["remind_before_days"] = remind_before_days
        if remind_on_due is not UNSET:
            field_dict["remind_on_due"] = remind_on_due
        if remind_overdue_days is not UNSET:
            field_dict["remind_overdue_days"] = remind_overdue_days
        if escalate_after_days is not UNSET:
            field_dict["escalate_after_days"] = escalate_after_days
        if escalate_to is not UNSET:
            field_dict["escalate_to"] = escalate_to
        if condition is not UNSET:
            field_dict["condition"] = condition
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workflow_milestone_config import WorkflowMilestoneConfig  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        position = d.pop("position")

        name = d.pop("name")

        kind = d.pop("kind")

        _relative_to = d.pop("relative_to", UNSET)
        relative_to: RelativeToEnum | Unset
        if isinstance(_relative_to, Unset):
            relative_to = UNSET
        else:
            relative_to = RelativeToEnum(_relative_to)

        offset_days = d.pop("offset_days", UNSET)

        due_days = d.pop("due_days", UNSET)

        _recipients = d.pop("recipients", UNSET)
        recipients: RecipientsEnum | Unset
        if isinstance(_recipients, Unset):
            recipients = UNSET
        else:
            recipients = RecipientsEnum(_recipients)

        message = d.pop("message", UNSET)

        remind_before_days = d.pop("remind_before_days", UNSET)

        remind_on_due = d.pop("remind_on_due", UNSET)

        remind_overdue_days = d.pop("remind_overdue_days", UNSET)

        escalate_after_days = d.pop("escalate_after_days", UNSET)

        _escalate_to = d.pop("escalate_to", UNSET)
        escalate_to: EscalateToEnum | Unset
        if isinstance(_escalate_to, Unset):
            escalate_to = UNSET
        else:
            escalate_to = EscalateToEnum(_escalate_to)

        condition = d.pop("condition", UNSET)

        _config = d.pop("config", UNSET)
        config: WorkflowMilestoneConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = WorkflowMilestoneConfig.from_dict(_config)

        workflow_milestone = cls(
            id=id,
            position=position,
            name=name,
            kind=kind,
            relative_to=relative_to,
            offset_days=offset_days,
            due_days=due_days,
            recipients=recipients,
            message=message,
            remind_before_days=remind_before_days,
            remind_on_due=remind_on_due,
            remind_overdue_days=remind_overdue_days,
            escalate_after_days=escalate_after_days,
            escalate_to=escalate_to,
            condition=condition,
            config=config,
        )

        workflow_milestone.additional_properties = d
        return workflow_milestone

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
