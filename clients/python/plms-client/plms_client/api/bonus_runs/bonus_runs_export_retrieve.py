from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bonus_runs_export_retrieve_file_format import BonusRunsExportRetrieveFileFormat
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    file_format: BonusRunsExportRetrieveFileFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_file_format: str | Unset = UNSET
    if not isinstance(file_format, Unset):
        json_file_format = file_format.value

    params["file_format"] = json_file_format

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/bonus-runs/{id}/export".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.text))

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = Error.from_dict(response.json())

        return response_405

    if response.status_code == 406:
        response_406 = Error.from_dict(response.json())

        return response_406

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    file_format: BonusRunsExportRetrieveFileFormat | Unset = UNSET,
) -> Response[Error | File]:
    """Download the bonus file

     HR admins and keys: every line with each part, as CSV (default) or XLSX; text that a spreadsheet
    would read as a formula is escaped. The download is audited.

    Args:
        id (UUID):
        file_format (BonusRunsExportRetrieveFileFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        id=id,
        file_format=file_format,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    file_format: BonusRunsExportRetrieveFileFormat | Unset = UNSET,
) -> Error | File | None:
    """Download the bonus file

     HR admins and keys: every line with each part, as CSV (default) or XLSX; text that a spreadsheet
    would read as a formula is escaped. The download is audited.

    Args:
        id (UUID):
        file_format (BonusRunsExportRetrieveFileFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        id=id,
        client=client,
        file_format=file_format,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    file_format: BonusRunsExportRetrieveFileFormat | Unset = UNSET,
) -> Response[Error | File]:
    """Download the bonus file

     HR admins and keys: every line with each part, as CSV (default) or XLSX; text that a spreadsheet
    would read as a formula is escaped. The download is audited.

    Args:
        id (UUID):
        file_format (BonusRunsExportRetrieveFileFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        id=id,
        file_format=file_format,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    file_format: BonusRunsExportRetrieveFileFormat | Unset = UNSET,
) -> Error | File | None:
    """Download the bonus file

     HR admins and keys: every line with each part, as CSV (default) or XLSX; text that a spreadsheet
    would read as a formula is escaped. The download is audited.

    Args:
        id (UUID):
        file_format (BonusRunsExportRetrieveFileFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            file_format=file_format,
        )
    ).parsed
