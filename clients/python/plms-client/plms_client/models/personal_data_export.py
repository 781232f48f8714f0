from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.personal_data_export_status_enum import PersonalDataExportStatusEnum

T = TypeVar("T", bound="PersonalDataExport")


@_attrs_define
class PersonalDataExport:
    """
    Attributes:
        id (UUID):
        employee (UUID):
        status (PersonalDataExportStatusEnum): * `pending` - Waiting
            * `running` - Being prepared
            * `ready` - Ready to download
            * `downloaded` - Downloaded
            * `failed` - Failed
        progress (int):
        size (int):
        requested_by (str):
        include_planning (bool):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        downloaded_at (datetime.datetime | None):
        download_url (None | str):
    """

    id: UUID
    employee: UUID
    status: PersonalDataExportStatusEnum
    progress: int
    size: int
    requested_by: str
    include_planning: bool
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    downloaded_at: datetime.datetime | None
    download_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        employee = str(self.employee)

        status = self.status.value

        progress = self.progress

        size = self.size

        requested_by = self.requested_by

        include_planning = self.include_planning

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        downloaded_at: None | str
        if isinstance(self.downloaded_at, datetime.datetime):
            downloaded_at = self.downloaded_at.isoformat()
        else:
            downloaded_at = self.downloaded_at

        download_url: None | str
        download_url = self.download_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "employee": employee,
                "status": status,
                "progress": progress,
                "size": size,
                "requested_by": requested_by,
                "include_planning": include_planning,
                "created_at": created_at,
                "finished_at": finished_at,
                "downloaded_at": downloaded_at,
                "download_url": download_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        employee = UUID(d.pop("employee"))

        status = PersonalDataExportStatusEnum(d.pop("status"))

        progress = d.pop("progress")

        size = d.pop("size")

        requested_by = d.pop("requested_by")

        include_planning = d.pop("include_planning")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        def _parse_downloaded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                downloaded_at_type_0 = datetime.datetime.fromisoformat(data)

                return downloaded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        downloaded_at = _parse_downloaded_at(d.pop("downloaded_at"))

        def _parse_download_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        download_url = _parse_download_url(d.pop("download_url"))

        personal_data_export = cls(
            id=id,
            employee=employee,
            status=status,
            progress=progress,
            size=size,
            requested_by=requested_by,
            include_planning=include_planning,
            created_at=created_at,
            finished_at=finished_at,
            downloaded_at=downloaded_at,
            download_url=download_url,
        )

        personal_data_export.additional_properties = d
        return personal_data_export

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
