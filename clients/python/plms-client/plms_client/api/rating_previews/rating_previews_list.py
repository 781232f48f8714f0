from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_rating_preview_list import PaginatedRatingPreviewList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    capability: UUID | Unset = UNSET,
    contested: bool | Unset = UNSET,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_capability: str | Unset = UNSET
    if not isinstance(capability, Unset):
        json_capability = str(capability)
    params["capability"] = json_capability

    params["contested"] = contested

    json_cycle: str | Unset = UNSET
    if not isinstance(cycle, Unset):
        json_cycle = str(cycle)
    params["cycle"] = json_cycle

    json_employee: str | Unset = UNSET
    if not isinstance(employee, Unset):
        json_employee = str(employee)
    params["employee"] = json_employee

    params["page"] = page

    params["page_size"] = page_size

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/rating-previews",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedRatingPreviewList | None:
    if response.status_code == 200:
        response_200 = PaginatedRatingPreviewList.from_dict(response.json())

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
) -> Response[Error | PaginatedRatingPreviewList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    contested: bool | Unset = UNSET,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | PaginatedRatingPreviewList]:
    """List levels in the ratings preview

     The optional pre-calibration vote: consolidated levels of closed cycles with `preview_voting` on,
    with the votes so far and the caller's own. HR admins and keys see all; managers their reports'.
    Scope `assessments:read`.

    Args:
        capability (UUID | Unset):
        contested (bool | Unset):
        cycle (UUID | Unset):
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedRatingPreviewList]
    """

    kwargs = _get_kwargs(
        capability=capability,
        contested=contested,
        cycle=cycle,
        employee=employee,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    contested: bool | Unset = UNSET,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | PaginatedRatingPreviewList | None:
    """List levels in the ratings preview

     The optional pre-calibration vote: consolidated levels of closed cycles with `preview_voting` on,
    with the votes so far and the caller's own. HR admins and keys see all; managers their reports'.
    Scope `assessments:read`.

    Args:
        capability (UUID | Unset):
        contested (bool | Unset):
        cycle (UUID | Unset):
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedRatingPreviewList
    """

    return sync_detailed(
        client=client,
        capability=capability,
        contested=contested,
        cycle=cycle,
        employee=employee,
        page=page,
        page_size=page_size,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    contested: bool | Unset = UNSET,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | PaginatedRatingPreviewList]:
    """List levels in the ratings preview

     The optional pre-calibration vote: consolidated levels of closed cycles with `preview_voting` on,
    with the votes so far and the caller's own. HR admins and keys see all; managers their reports'.
    Scope `assessments:read`.

    Args:
        capability (UUID | Unset):
        contested (bool | Unset):
        cycle (UUID | Unset):
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedRatingPreviewList]
    """

    kwargs = _get_kwargs(
        capability=capability,
        contested=contested,
        cycle=cycle,
        employee=employee,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    contested: bool | Unset = UNSET,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | PaginatedRatingPreviewList | None:
    """List levels in the ratings preview

     The optional pre-calibration vote: consolidated levels of closed cycles with `preview_voting` on,
    with the votes so far and the caller's own. HR admins and keys see all; managers their reports'.
    Scope `assessments:read`.

    Args:
        capability (UUID | Unset):
        contested (bool | Unset):
        cycle (UUID | Unset):
        employee (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedRatingPreviewList
    """

    return (
        await asyncio_detailed(
            client=client,
            capability=capability,
            contested=contested,
            cycle=cycle,
            employee=employee,
            page=page,
            page_size=page_size,
            search=search,
        )
    ).parsed
