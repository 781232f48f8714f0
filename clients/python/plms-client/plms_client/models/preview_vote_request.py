from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.vote_enum import VoteEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewVoteRequest")


@_attrs_define
class PreviewVoteRequest:
    """
    Attributes:
        vote (VoteEnum): * `agree` - Looks right
            * `too_high` - Looks too high
            * `too_low` - Looks too low
        comment (str | Unset): Required unless the vote is `agree`.
    """

    vote: VoteEnum
    comment: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        vote = self.vote.value

        comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vote": vote,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        vote = VoteEnum(d.pop("vote"))

        comment = d.pop("comment", UNSET)

        preview_vote_request = cls(
            vote=vote,
            comment=comment,
        )

        return preview_vote_request
