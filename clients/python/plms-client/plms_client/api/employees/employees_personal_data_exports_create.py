from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.personal_data_export import PersonalDataExport
from ...models.personal_data_export_request_request import PersonalDataExportRequestRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: PersonalDataExportRequestRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/employees/{id}/personal-data-exports".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PersonalDataExport | None:
    if response.status_code == 202:
        response_202 = PersonalDataExport.from_dict(response.json())

        return response_202

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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PersonalDataExport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PersonalDataExportRequestRequest | Unset = UNSET,
) -> Response[Error | PersonalDataExport]:
    """Request a person's data export

     Everything PLMS holds about the person, as JSON and CSV in a ZIP, built in the background: poll the
    list for `progress`, then download it once from `download_url`. Management planning (successor
    slates, potential, talent pools) is withheld unless `include_planning` is true. Audited. Scope
    `privacy:write`.

    Args:
        id (str):
        body (PersonalDataExportRequestRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PersonalDataExport]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PersonalDataExportRequestRequest | Unset = UNSET,
) -> Error | PersonalDataExport | None:
    """Request a person's data export

     Everything PLMS holds about the person, as JSON and CSV in a ZIP, built in the background: poll the
    list for `progress`, then download it once from `download_url`. Management planning (successor
    slates, potential, talent pools) is withheld unless `include_planning` is true. Audited. Scope
    `privacy:write`.

    Args:
        id (str):
        body (PersonalDataExportRequestRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PersonalDataExport
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PersonalDataExportRequestRequest | Unset = UNSET,
) -> Response[Error | PersonalDataExport]:
    """Request a person's data export

     Everything PLMS holds about the person, as JSON and CSV in a ZIP, built in the background: poll the
    list for `progress`, then download it once from `download_url`. Management planning (successor
    slates, potential, talent pools) is withheld unless `include_planning` is true. Audited. Scope
    `privacy:write`.

    Args:
        id (str):
        body (PersonalDataExportRequestRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PersonalDataExport]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PersonalDataExportRequestRequest | Unset = UNSET,
) -> Error | PersonalDataExport | None:
    """Request a person's data export

     Everything PLMS holds about the person, as JSON and CSV in a ZIP, built in the background: poll the
    list for `progress`, then download it once from `download_url`. Management planning (successor
    slates, potential, talent pools) is withheld unless `include_planning` is true. Audited. Scope
    `privacy:write`.

    Args:
        id (str):
        body (PersonalDataExportRequestRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PersonalDataExport
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
