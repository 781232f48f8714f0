from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pool_choices_type_0 import PoolChoicesType0
    from ..models.pool_levels_type_0 import PoolLevelsType0


T = TypeVar("T", bound="Pool")


@_attrs_define
class Pool:
    """
    Attributes:
        kind (str):
        respondents_shown (bool): False: too few respondents; nothing of theirs is given.
        count (int | None):
        mean (float | None):
        levels (None | PoolLevelsType0):
        choices (None | PoolChoicesType0):
        top_choice (str):
        comments (list[str]):
    """

    kind: str
    respondents_shown: bool
    count: int | None
    mean: float | None
    levels: None | PoolLevelsType0
    choices: None | PoolChoicesType0
    top_choice: str
    comments: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pool_choices_type_0 import PoolChoicesType0  # noqa: PLC0415
        from ..models.pool_levels_type_0 import PoolLevelsType0  # noqa: PLC0415

        kind = self.kind

        respondents_shown = self.respondents_shown

        count: int | None
        count = self.count

        mean: float | None
        mean = self.mean

        levels: dict[str, Any] | None
        if isinstance(self.levels, PoolLevelsType0):
            levels = self.levels.to_dict()
        else:
            levels = self.levels

        choices: dict[str, Any] | None
        if isinstance(self.choices, PoolChoicesType0):
            choices = self.choices.to_dict()
        else:
            choices = self.choices

        top_choice = self.top_choice

        comments = self.comments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "respondents_shown": respondents_shown,
                "count": count,
                "mean": mean,
                "levels": levels,
                "choices": choices,
                "top_choice": top_choice,
                "comments": comments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pool_choices_type_0 import PoolChoicesType0  # noqa: PLC0415
        from ..models.pool_levels_type_0 import PoolLevelsType0  # noqa: PLC0415

        d = dict(src_dict)
        kind = d.pop("kind")

        respondents_shown = d.pop("respondents_shown")

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        def _parse_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean = _parse_mean(d.pop("mean"))

        def _parse_levels(data: object) -> None | PoolLevelsType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                levels_type_0 = PoolLevelsType0.from_dict(data)

                return levels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolLevelsType0, data)

        levels = _parse_levels(d.pop("levels"))

        def _parse_choices(data: object) -> None | PoolChoicesType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                choices_type_0 = PoolChoicesType0.from_dict(data)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolChoicesType0, data)

        choices = _parse_choices(d.pop("choices"))

        top_choice = d.pop("top_choice")

        comments = cast(list[str], d.pop("comments"))

        pool = cls(
            kind=kind,
            respondents_shown=respondents_shown,
            count=count,
            mean=mean,
            levels=levels,
            choices=choices,
            top_choice=top_choice,
            comments=comments,
        )

        pool.additional_properties = d
        return pool

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
