from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.addition_request import AdditionRequest
    from ..models.removal_request import RemovalRequest


T = TypeVar("T", bound="ApproveRequest")


@_attrs_define
class ApproveRequest:
    """
    Attributes:
        add (list[AdditionRequest] | Unset):
        remove (list[RemovalRequest] | Unset):
        order (list[UUID] | Unset):
        reason (str | Unset):  Default: ''.
    """

    add: list[AdditionRequest] | Unset = UNSET
    remove: list[RemovalRequest] | Unset = UNSET
    order: list[UUID] | Unset = UNSET
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        add: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.add, Unset):
            add = []
            for add_item_data in self.add:
                add_item = add_item_data.to_dict()
                add.append(add_item)

        remove: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.remove, Unset):
            remove = []
            for remove_item_data in self.remove:
                remove_item = remove_item_data.to_dict()
                remove.append(remove_item)

        order: list[str] | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = []
            for order_item_data in self.order:
                order_item = str(order_item_data)
                order.append(order_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if add is not UNSET:
            field_dict["add"] = add
        if remove is not UNSET:
            field_dict["remove"] = remove
        if order is not UNSET:
            field_dict["order"] = order
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.addition_request import AdditionRequest  # noqa: PLC0415
        from ..models.removal_request import RemovalRequest  # noqa: PLC0415

        d = dict(src_dict)
        _add = d.pop("add", UNSET)
        add: list[AdditionRequest] | Unset = UNSET
        if _add is not UNSET:
            add = []
            for add_item_data in _add:
                add_item = AdditionRequest.from_dict(add_item_data)

                add.append(add_item)

        _remove = d.pop("remove", UNSET)
        remove: list[RemovalRequest] | Unset = UNSET
        if _remove is not UNSET:
            remove = []
            for remove_item_data in _remove:
                remove_item = RemovalRequest.from_dict(remove_item_data)

                remove.append(remove_item)

        _order = d.pop("order", UNSET)
        order: list[UUID] | Unset = UNSET
        if _order is not UNSET:
            order = []
            for order_item_data in _order:
                order_item = UUID(order_item_data)

                order.append(order_item)

        reason = d.pop("reason", UNSET)

        approve_request = cls(
            add=add,
            remove=remove,
            order=order,
            reason=reason,
        )

        return approve_request
