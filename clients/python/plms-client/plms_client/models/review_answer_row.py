from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.named_answer import NamedAnswer
    from ..models.pool import Pool


T = TypeVar("T", bound="ReviewAnswerRow")


@_attrs_define
class ReviewAnswerRow:
    """
    Attributes:
        question (str):
        section (str):
        text (str):
        named (list[NamedAnswer]):
        pooled (list[Pool]):
    """

    question: str
    section: str
    text: str
    named: list[NamedAnswer]
    pooled: list[Pool]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        question = self.question

        section = self.section

        text = self.text

        named = []
        for named_item_data in self.named:
            named_item = named_item_data.to_dict()
            named.append(named_item)

        pooled = []
        for pooled_item_data in self.pooled:
            pooled_item = pooled_item_data.to_dict()
            pooled.append(pooled_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "question": question,
                "section": section,
                "text": text,
                "named": named,
                "pooled": pooled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.named_answer import NamedAnswer  # noqa: PLC0415
        from ..models.pool import Pool  # noqa: PLC0415

        d = dict(src_dict)
        question = d.pop("question")

        section = d.pop("section")

        text = d.pop("text")

        named = []
        _named = d.pop("named")
        for named_item_data in _named:
            named_item = NamedAnswer.from_dict(named_item_data)

            named.append(named_item)

        pooled = []
        _pooled = d.pop("pooled")
        for pooled_item_data in _pooled:
            pooled_item = Pool.from_dict(pooled_item_data)

            pooled.append(pooled_item)

        review_answer_row = cls(
            question=question,
            section=section,
            text=text,
            named=named,
            pooled=pooled,
        )

        review_answer_row.additional_properties = d
        return review_answer_row

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
