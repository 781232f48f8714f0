from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.trigger_enum import TriggerEnum
from ..models.workflow_audience_enum import WorkflowAudienceEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_milestone_request import WorkflowMilestoneRequest


T = TypeVar("T", bound="PatchedWorkflowRequest")


@_attrs_define
class PatchedWorkflowRequest:
    """
    Attributes:
        name (str | Unset):
        description (str | Unset):
        trigger (TriggerEnum | Unset): * `date` - On a date
            * `recurrence` - On a recurrence
            * `event` - When something happens
        start_date (datetime.date | None | Unset):
        recurrence (str | Unset):
        event (str | Unset): For `trigger=event`: e.g. `employee_joined`, `probation_ends`.
        event_days (int | Unset):
        audience (WorkflowAudienceEnum | Unset): * `everyone` - Everyone
            * `departments` - Departments
            * `job_roles` - Job roles
            * `people` - Chosen people
        audience_ids (list[UUID] | Unset): The public ids of the chosen departments, job roles or people (by
            `audience`).
        audience_title_contains (str | Unset):
        audience_requires_manager (bool | Unset):
        milestones (list[WorkflowMilestoneRequest] | Unset):
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    trigger: TriggerEnum | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    recurrence: str | Unset = UNSET
    event: str | Unset = UNSET
    event_days: int | Unset = UNSET
    audience: WorkflowAudienceEnum | Unset = UNSET
    audience_ids: list[UUID] | Unset = UNSET
    audience_title_contains: str | Unset = UNSET
    audience_requires_manager: bool | Unset = UNSET
    milestones: list[WorkflowMilestoneRequest] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        trigger: str | Unset = UNSET
        if not isinstance(self.trigger, Unset):
            trigger = self.trigger.value

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        recurrence = self.recurrence

        event = self.event

        event_days = self.event_days

        audience: str | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.value

        audience_ids: list[str] | Unset = UNSET
        if not isinstance(self.audience_ids, Unset):
            audience_ids = []
            for audience_ids_item_data in self.audience_ids:
                audience_ids_item = str(audience_ids_item_data)
                audience_ids.append(audience_ids_item)

        audience_title_contains = self.audience_title_contains

        audience_requires_manager = self.audience_requires_manager

        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if recurrence is not UNSET:
            field_dict["recurrence"] = recurrence
        if event is not UNSET:
            field_dict["event"] = event
        if event_days is not UNSET:
            field_dict["event_days"] = event_days
        if audience is not UNSET:
            field_dict["audience"] = audience
        if audience_ids is not UNSET:
            field_dict["audience_ids"] = audience_ids
        if audience_title_contains is not UNSET:
            field_dict["audience_title_contains"] = audience_title_contains
        if audience_requires_manager is not UNSET:
            field_dict["audience_requires_manager"] = audience_requires_manager
        if milestones is not UNSET:
            field_dict["milestones"] = milestones

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workflow_milestone_request import WorkflowMilestoneRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _trigger = d.pop("trigger", UNSET)
        trigger: TriggerEnum | Unset
        if isinstance(_trigger, Unset):
            trigger = UNSET
        else:
            trigger = TriggerEnum(_trigger)

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        recurrence = d.pop("recurrence", UNSET)

        event = d.pop("event", UNSET)

        event_days = d.pop("event_days", UNSET)

        _audience = d.pop("audience", UNSET)
        audience: WorkflowAudienceEnum | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = WorkflowAudienceEnum(_audience)

        _audience_ids = d.pop("audience_ids", UNSET)
        audience_ids: list[UUID] | Unset = UNSET
        if _audience_ids is not UNSET:
            audience_ids = []
            for audience_ids_item_data in _audience_ids:
                audience_ids_item = UUID(audience_ids_item_data)

                audience_ids.append(audience_ids_item)

        audience_title_contains = d.pop("audience_title_contains", UNSET)

        audience_requires_manager = d.pop("audience_requires_manager", UNSET)

        _milestones = d.pop("milestones", UNSET)
        milestones: list[WorkflowMilestoneRequest] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = WorkflowMilestoneRequest.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        patched_workflow_request = cls(
            name=name,
            description=description,
            trigger=trigger,
            start_date=start_date,
            recurrence=recurrence,
            event=event,
            event_days=event_days,
            audience=audience,
            audience_ids=audience_ids,
            audience_title_contains=audience_title_contains,
            audience_requires_manager=audience_requires_manager,
            milestones=milestones,
        )

        return patched_workflow_request
