from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assessment_cycle_status_enum import AssessmentCycleStatusEnum
from ..models.scope_enum import ScopeEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deadlines import Deadlines
    from ..models.launch import Launch
    from ..models.weights import Weights


T = TypeVar("T", bound="AssessmentCycle")


@_attrs_define
class AssessmentCycle:
    """
    Attributes:
        id (UUID):
        name (str):
        period_start (datetime.date):
        period_end (datetime.date):
        status (AssessmentCycleStatusEnum): * `draft` - Draft
            * `open` - Open
            * `closed` - Closed
        review_template_version (int | None): The template version the cycle launched with (kept whatever changes
            after).
        framework_version (int | None):
        launch (Launch):
        assessment_count (int):
        submitted_count (int):
        closed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        scope (ScopeEnum | Unset): * `organization` - Whole organisation
            * `departments` - Departments
            * `roles` - Job roles
            * `employees` - Chosen employees
        scope_ids (list[UUID] | Unset):
        weights (Weights | Unset): Rater kinds' weights in percent (0 = not used); they total 100.
        deadlines (Deadlines | Unset): The date each rater kind's assessments are due.
        peer_anonymous (bool | Unset):
        min_peers (int | Unset):
        max_peer_requests (int | Unset):
        upward_reviews (bool | Unset):
        min_upward (int | Unset):
        review_template (None | Unset | UUID): The review template whose questions the cycle asks (null: ratings only).
        evidence_at_extremes (bool | Unset):
        evidence_min_distance (int | Unset):
        preview_voting (bool | Unset):
    """

    id: UUID
    name: str
    period_start: datetime.date
    period_end: datetime.date
    status: AssessmentCycleStatusEnum
    review_template_version: int | None
    framework_version: int | None
    launch: Launch
    assessment_count: int
    submitted_count: int
    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    scope: ScopeEnum | Unset = UNSET
    scope_ids: list[UUID] | Unset = UNSET
    weights: Weights | Unset = UNSET
    deadlines: Deadlines | Unset = UNSET
    peer_anonymous: bool | Unset = UNSET
    min_peers: int | Unset = UNSET
    max_peer_requests: int | Unset = UNSET
    upward_reviews: bool | Unset = UNSET
    min_upward: int | Unset = UNSET
    review_template: None | Unset | UUID = UNSET
    evidence_at_extremes: bool | Unset = UNSET
    evidence_min_distance: int | Unset = UNSET
    preview_voting: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        status = self.status.value

        review_template_version: int | None
        review_template_version = self.review_template_version

        framework_version: int | None
        framework_version = self.framework_version

        launch = self.launch.to_dict()

        assessment_count = self.assessment_count

        submitted_count = self.submitted_count

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        scope_ids: list[str] | Unset = UNSET
        if not isinstance(self.scope_ids, Unset):
            scope_ids = []
            for scope_ids_item_data in self.scope_ids:
                scope_ids_item = str(scope_ids_item_data)
                scope_ids.append(scope_ids_item)

        weights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weights, Unset):
            weights = self.weights.to_dict()

        deadlines: dict[str, Any] | Unset = UNSET
        if not isinstance(self.deadlines, Unset):
            deadlines = self.deadlines.to_dict()

        peer_anonymous = self.peer_anonymous

        min_peers = self.min_peers

        max_peer_requests = self.max_peer_requests

        upward_reviews = self.upward_reviews

        min_upward = self.min_upward

        review_template: None | str | Unset
        if isinstance(self.review_template, Unset):
            review_template = UNSET
        elif isinstance(self.review_template, UUID):
            review_template = str(self.review_template)
        else:
            review_template = self.review_template

        evidence_at_extremes = self.evidence_at_extremes

        evidence_min_distance = self.evidence_min_distance

        preview_voting = self.preview_voting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "period_start": period_start,
                "period_end": period_end,
                "status": status,
                "review_template_version": review_template_version,
                "framework_version": framework_version,
                "launch": launch,
                "assessment_count": assessment_count,
                "submitted_count": submitted_count,
                "closed_at": closed_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope
        if scope_ids is not UNSET:
            field_dict["scope_ids"] = scope_ids
        if weights is not UNSET:
            field_dict["weights"] = weights
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if peer_anonymous is not UNSET:
            field_dict["peer_anonymous"] = peer_anonymous
        if min_peers is not UNSET:
            field_dict["min_peers"] = min_peers
        if max_peer_requests is not UNSET:
            field_dict["max_peer_requests"] = max_peer_requests
        if upward_reviews is not UNSET:
            field_dict["upward_reviews"] = upward_reviews
        if min_upward is not UNSET:
            field_dict["min_upward"] = min_upward
        if review_template is not UNSET:
            field_dict["review_template"] = review_template
        if evidence_at_extremes is not UNSET:
            field_dict["evidence_at_extremes"] = evidence_at_extremes
        if evidence_min_distance is not UNSET:
            field_dict["evidence_min_distance"] = evidence_min_distance
        if preview_voting is not UNSET:
            field_dict["preview_voting"] = preview_voting

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deadlines import Deadlines  # noqa: PLC0415
        from ..models.launch import Launch  # noqa: PLC0415
        from ..models.weights import Weights  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        status = AssessmentCycleStatusEnum(d.pop("status"))

        def _parse_review_template_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        review_template_version = _parse_review_template_version(d.pop("review_template_version"))

        def _parse_framework_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        framework_version = _parse_framework_version(d.pop("framework_version"))

        launch = Launch.from_dict(d.pop("launch"))

        assessment_count = d.pop("assessment_count")

        submitted_count = d.pop("submitted_count")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _scope = d.pop("scope", UNSET)
        scope: ScopeEnum | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = ScopeEnum(_scope)

        _scope_ids = d.pop("scope_ids", UNSET)
        scope_ids: list[UUID] | Unset = UNSET
        if _scope_ids is not UNSET:
            scope_ids = []
            for scope_ids_item_data in _scope_ids:
                scope_ids_item = UUID(scope_ids_item_data)

                scope_ids.append(scope_ids_item)

        _weights = d.pop("weights", UNSET)
        weights: Weights | Unset
        if isinstance(_weights, Unset):
            weights = UNSET
        else:
            weights = Weights.from_dict(_weights)

        _deadlines = d.pop("deadlines", UNSET)
        deadlines: Deadlines | Unset
        if isinstance(_deadlines, Unset):
            deadlines = UNSET
        else:
            deadlines = Deadlines.from_dict(_deadlines)

        peer_anonymous = d.pop("peer_anonymous", UNSET)

        min_peers = d.pop("min_peers", UNSET)

        max_peer_requests = d.pop("max_peer_requests", UNSET)

        upward_reviews = d.pop("upward_reviews", UNSET)

        min_upward = d.pop("min_upward", UNSET)

        def _parse_review_template(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_template_type_0 = UUID(data)

                return review_template_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        review_template = _parse_review_template(d.pop("review_template", UNSET))

        evidence_at_extremes = d.pop("evidence_at_extremes", UNSET)

        evidence_min_distance = d.pop("evidence_min_distance", UNSET)

        preview_voting = d.pop("preview_voting", UNSET)

        assessment_cycle = cls(
            id=id,
            name=name,
            period_start=period_start,
            period_end=period_end,
            status=status,
            review_template_version=review_template_version,
            framework_version=framework_version,
            launch=launch,
            assessment_count=assessment_count,
            submitted_count=submitted_count,
            closed_at=closed_at,
            created_at=created_at,
            updated_at=updated_at,
            scope=scope,
            scope_ids=scope_ids,
            weights=weights,
            deadlines=deadlines,
            peer_anonymous=peer_anonymous,
            min_peers=min_peers,
            max_peer_requests=max_peer_requests,
            upward_reviews=upward_reviews,
            min_upward=min_upward,
            review_template=review_template,
            evidence_at_extremes=evidence_at_extremes,
            evidence_min_distance=evidence_min_distance,
            preview_voting=preview_voting,
        )

        assessment_cycle.additional_properties = d
        return assessment_cycle

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
