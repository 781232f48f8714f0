from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.question_result_distribution import QuestionResultDistribution


T = TypeVar("T", bound="QuestionResult")


@_attrs_define
class QuestionResult:
    """
    Attributes:
        question (UUID):
        text (str):
        kind (str):
        mean (float | None):
        distribution (QuestionResultDistribution): Count per scale value or choice.
    """

    question: UUID
    text: str
    kind: str
    mean: float | None
    distribution: QuestionResultDistribution
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        question = str(self.question)

        text = self.text

        kind = self.kind

        mean: float | None
        mean = self.mean

        distribution = self.distribution.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "question": question,
                "text": text,
                "kind": kind,
                "mean": mean,
                "distribution": distribution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_result_distribution import QuestionResultDistribution  # noqa: PLC0415

        d = dict(src_dict)
        question = UUID(d.pop("question"))

        text = d.pop("text")

        kind = d.pop("kind")

        def _parse_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean = _parse_mean(d.pop("mean"))

        distribution = QuestionResultDistribution.from_dict(d.pop("distribution"))

        question_result = cls(
            question=question,
            text=text,
            kind=kind,
            mean=mean,
            distribution=distribution,
        )

        question_result.additional_properties = d
        return question_result

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
