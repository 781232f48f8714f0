from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_bonus_line_list import PaginatedBonusLineList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    run: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_employee: str | Unset = UNSET
    if not isinstance(employee, Unset):
        json_employee = str(employee)
    params["employee"] = json_employee

    params["page"] = page

    params["page_size"] = page_size

    json_run: str | Unset = UNSET
    if not isinstance(run, Unset):
        json_run = str(run)
    params["run"] = json_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/bonus-runs/lines",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedBonusLineList | None:
    if response.status_code == 200:
        response_200 = PaginatedBonusLineList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | PaginatedBonusLineList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    run: UUID | Unset = UNSET,
) -> Response[Error | PaginatedBonusLineList]:
    """List bonus lines

     Every run's lines whose pay the caller may read (HR admins and keys: all; a manager with the
    compensation permission: their reports'; a person: their own when the organisation allows). Each
    read of another person's line is audited. Scope `compensation:read`.

    Args:
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        run (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedBonusLineList]
    """

    kwargs = _get_kwargs(
        employee=employee,
        page=page,
        page_size=page_size,
        run=run,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    run: UUID | Unset = UNSET,
) -> Error | PaginatedBonusLineList | None:
    """List bonus lines

     Every run's lines whose pay the caller may read (HR admins and keys: all; a manager with the
    compensation permission: their reports'; a person: their own when the organisation allows). Each
    read of another person's line is audited. Scope `compensation:read`.

    Args:
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        run (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedBonusLineList
    """

    return sync_detailed(
        client=client,
        employee=employee,
        page=page,
        page_size=page_size,
        run=run,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    run: UUID | Unset = UNSET,
) -> Response[Error | PaginatedBonusLineList]:
    """List bonus lines

     Every run's lines whose pay the caller may read (HR admins and keys: all; a manager with the
    compensation permission: their reports'; a person: their own when the organisation allows). Each
    read of another person's line is audited. Scope `compensation:read`.

    Args:
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        run (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedBonusLineList]
    """

    kwargs = _get_kwargs(
        employee=employee,
        page=page,
        page_size=page_size,
        run=run,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    run: UUID | Unset = UNSET,
) -> Error | PaginatedBonusLineList | None:
    """List bonus lines

     Every run's lines whose pay the caller may read (HR admins and keys: all; a manager with the
    compensation permission: their reports'; a person: their own when the organisation allows). Each
    read of another person's line is audited. Scope `compensation:read`.

    Args:
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        run (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedBonusLineList
    """

    return (
        await asyncio_detailed(
            client=client,
            employee=employee,
            page=page,
            page_size=page_size,
            run=run,
        )
    ).parsed
