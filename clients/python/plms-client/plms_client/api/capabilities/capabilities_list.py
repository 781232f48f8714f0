from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.capabilities_list_status import CapabilitiesListStatus
from ...models.error import Error
from ...models.paginated_capability_list import PaginatedCapabilityList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    category: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: CapabilitiesListStatus | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_category: str | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = str(category)
    params["category"] = json_category

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["search"] = search

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/capabilities",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedCapabilityList | None:
    if response.status_code == 200:
        response_200 = PaginatedCapabilityList.from_dict(response.json())

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
) -> Response[Error | PaginatedCapabilityList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    category: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: CapabilitiesListStatus | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Error | PaginatedCapabilityList]:
    """List capabilities

     Filter by `category` (id), `status`, `tag`; `search` in name and description. Scope
    `capabilities:read`.

    Args:
        category (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        status (CapabilitiesListStatus | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCapabilityList]
    """

    kwargs = _get_kwargs(
        category=category,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        status=status,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    category: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: CapabilitiesListStatus | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Error | PaginatedCapabilityList | None:
    """List capabilities

     Filter by `category` (id), `status`, `tag`; `search` in name and description. Scope
    `capabilities:read`.

    Args:
        category (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        status (CapabilitiesListStatus | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCapabilityList
    """

    return sync_detailed(
        client=client,
        category=category,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        status=status,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    category: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: CapabilitiesListStatus | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Error | PaginatedCapabilityList]:
    """List capabilities

     Filter by `category` (id), `status`, `tag`; `search` in name and description. Scope
    `capabilities:read`.

    Args:
        category (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        status (CapabilitiesListStatus | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedCapabilityList]
    """

    kwargs = _get_kwargs(
        category=category,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
        status=status,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    category: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
    status: CapabilitiesListStatus | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Error | PaginatedCapabilityList | None:
    """List capabilities

     Filter by `category` (id), `status`, `tag`; `search` in name and description. Scope
    `capabilities:read`.

    Args:
        category (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):
        status (CapabilitiesListStatus | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedCapabilityList
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
            ordering=ordering,
            page=page,
            page_size=page_size,
            search=search,
            status=status,
            tag=tag,
        )
    ).parsed
