from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_ins_list_status import CheckInsListStatus
from ...models.error import Error
from ...models.paginated_check_in_list import PaginatedCheckInList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    manager: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    report: UUID | Unset = UNSET,
    status: CheckInsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_manager: str | Unset = UNSET
    if not isinstance(manager, Unset):
        json_manager = str(manager)
    params["manager"] = json_manager

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_report: str | Unset = UNSET
    if not isinstance(report, Unset):
        json_report = str(report)
    params["report"] = json_report

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/check-ins",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedCheckInList | None:
    if response.status_code == 200:
        response_200 = PaginatedCheckInList.from_dict(response.json())

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
) -> Response[Error | PaginatedCheckInList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    manager: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    report: UUID | Unset = UNSET,
    status: CheckInsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedCheckInList]:
    """List check-ins

     Scope `goals:read`.

    Args:
        manager (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        report (UUID | Unset):
        status (CheckInsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCheckInList]
    """

    kwargs = _get_kwargs(
        manager=manager,
        ordering=ordering,
        page=page,
        page_size=page_size,
        report=report,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    manager: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    report: UUID | Unset = UNSET,
    status: CheckInsListStatus | Unset = UNSET,
) -> Error | PaginatedCheckInList | None:
    """List check-ins

     Scope `goals:read`.

    Args:
        manager (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        report (UUID | Unset):
        status (CheckInsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCheckInList
    """

    return sync_detailed(
        client=client,
        manager=manager,
        ordering=ordering,
        page=page,
        page_size=page_size,
        report=report,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    manager: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    report: UUID | Unset = UNSET,
    status: CheckInsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedCheckInList]:
    """List check-ins

     Scope `goals:read`.

    Args:
        manager (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        report (UUID | Unset):
        status (CheckInsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCheckInList]
    """

    kwargs = _get_kwargs(
        manager=manager,
        ordering=ordering,
        page=page,
        page_size=page_size,
        report=report,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    manager: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    report: UUID | Unset = UNSET,
    status: CheckInsListStatus | Unset = UNSET,
) -> Error | PaginatedCheckInList | None:
    """List check-ins

     Scope `goals:read`.

    Args:
        manager (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        report (UUID | Unset):
        status (CheckInsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCheckInList
    """

    return (
        await asyncio_detailed(
            client=client,
            manager=manager,
            ordering=ordering,
            page=page,
            page_size=page_size,
            report=report,
            status=status,
        )
    ).parsed
