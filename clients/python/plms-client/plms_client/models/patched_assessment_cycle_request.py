from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.scope_enum import ScopeEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deadlines_request import DeadlinesRequest
    from ..models.weights_request import WeightsRequest


T = TypeVar("T", bound="PatchedAssessmentCycleRequest")


@_attrs_define
class PatchedAssessmentCycleRequest:
    """
    Attributes:
        name (str | Unset):
        period_start (datetime.date | Unset):
        period_end (datetime.date | Unset):
        scope (ScopeEnum | Unset): * `organization` - Whole organisation
            * `departments` - Departments
            * `roles` - Job roles
            * `employees` - Chosen employees
        scope_ids (list[UUID] | Unset):
        weights (WeightsRequest | Unset): Rater kinds' weights in percent (0 = not used); they total 100.
        deadlines (DeadlinesRequest | Unset): The date each rater kind's assessments are due.
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

    name: str | Unset = UNSET
    period_start: datetime.date | Unset = UNSET
    period_end: datetime.date | Unset = UNSET
    scope: ScopeEnum | Unset = UNSET
    scope_ids: list[UUID] | Unset = UNSET
    weights: WeightsRequest | Unset = UNSET
    deadlines: DeadlinesRequest | Unset = UNSET
    peer_anonymous: bool | Unset = UNSET
    min_peers: int | Unset = UNSET
    max_peer_requests: int | Unset = UNSET
    upward_reviews: bool | Unset = UNSET
    min_upward: int | Unset = UNSET
    review_template: None | Unset | UUID = UNSET
    evidence_at_extremes: bool | Unset = UNSET
    evidence_min_distance: int | Unset = UNSET
    preview_voting: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        period_start: str | Unset = UNSET
        if not isinstance(self.period_start, Unset):
            period_start = self.period_start.isoformat()

        period_end: str | Unset = UNSET
        if not isinstance(self.period_end, Unset):
            period_end = self.period_end.isoformat()

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

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
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
        from ..models.deadlines_request import DeadlinesRequest  # noqa: PLC0415
        from ..models.weights_request import WeightsRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _period_start = d.pop("period_start", UNSET)
        period_start: datetime.date | Unset
        if isinstance(_period_start, Unset):
            period_start = UNSET
        else:
            period_start = datetime.date.fromisoformat(_period_start)

        _period_end = d.pop("period_end", UNSET)
        period_end: datetime.date | Unset
        if isinstance(_period_end, Unset):
            period_end = UNSET
        else:
            period_end = datetime.date.fromisoformat(_period_end)

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
        weights: WeightsRequest | Unset
        if isinstance(_weights, Unset):
            weights = UNSET
        else:
            weights = WeightsRequest.from_dict(_weights)

        _deadlines = d.pop("deadlines", UNSET)
        deadlines: DeadlinesRequest | Unset
        if isinstance(_deadlines, Unset):
            deadlines = UNSET
        else:
            deadlines = DeadlinesRequest.from_dict(_deadlines)

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

        patched_assessment_cycle_request = cls(
            name=name,
            period_start=period_start,
            period_end=period_end,
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

        return patched_assessment_cycle_request
