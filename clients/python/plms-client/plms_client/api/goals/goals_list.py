from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.goals_list_level import GoalsListLevel
from ...models.goals_list_owner_type import GoalsListOwnerType
from ...models.goals_list_perspective import GoalsListPerspective
from ...models.goals_list_status import GoalsListStatus
from ...models.paginated_goal_list import PaginatedGoalList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    capability: UUID | Unset = UNSET,
    department: UUID | Unset = UNSET,
    key_result: UUID | Unset = UNSET,
    level: GoalsListLevel | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: UUID | Unset = UNSET,
    owner_type: GoalsListOwnerType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    perspective: GoalsListPerspective | Unset = UNSET,
    search: str | Unset = UNSET,
    status: GoalsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_capability: str | Unset = UNSET
    if not isinstance(capability, Unset):
        json_capability = str(capability)
    params["capability"] = json_capability

    json_department: str | Unset = UNSET
    if not isinstance(department, Unset):
        json_department = str(department)
    params["department"] = json_department

    json_key_result: str | Unset = UNSET
    if not isinstance(key_result, Unset):
        json_key_result = str(key_result)
    params["key_result"] = json_key_result

    json_level: str | Unset = UNSET
    if not isinstance(level, Unset):
        json_level = level.value

    params["level"] = json_level

    params["ordering"] = ordering

    json_owner: str | Unset = UNSET
    if not isinstance(owner, Unset):
        json_owner = str(owner)
    params["owner"] = json_owner

    json_owner_type: str | Unset = UNSET
    if not isinstance(owner_type, Unset):
        json_owner_type = owner_type.value

    params["owner_type"] = json_owner_type

    params["page"] = page

    params["page_size"] = page_size

    json_perspective: str | Unset = UNSET
    if not isinstance(perspective, Unset):
        json_perspective = perspective.value

    params["perspective"] = json_perspective

    params["search"] = search

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/goals",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedGoalList | None:
    if response.status_code == 200:
        response_200 = PaginatedGoalList.from_dict(response.json())

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
) -> Response[Error | PaginatedGoalList]:
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
    department: UUID | Unset = UNSET,
    key_result: UUID | Unset = UNSET,
    level: GoalsListLevel | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: UUID | Unset = UNSET,
    owner_type: GoalsListOwnerType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    perspective: GoalsListPerspective | Unset = UNSET,
    search: str | Unset = UNSET,
    status: GoalsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedGoalList]:
    """List goals

     Scope `goals:read`.

    Args:
        capability (UUID | Unset):
        department (UUID | Unset):
        key_result (UUID | Unset):
        level (GoalsListLevel | Unset):
        ordering (str | Unset):
        owner (UUID | Unset):
        owner_type (GoalsListOwnerType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        perspective (GoalsListPerspective | Unset):
        search (str | Unset):
        status (GoalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedGoalList]
    """

    kwargs = _get_kwargs(
        capability=capability,
        department=department,
        key_result=key_result,
        level=level,
        ordering=ordering,
        owner=owner,
        owner_type=owner_type,
        page=page,
        page_size=page_size,
        perspective=perspective,
        search=search,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    department: UUID | Unset = UNSET,
    key_result: UUID | Unset = UNSET,
    level: GoalsListLevel | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: UUID | Unset = UNSET,
    owner_type: GoalsListOwnerType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    perspective: GoalsListPerspective | Unset = UNSET,
    search: str | Unset = UNSET,
    status: GoalsListStatus | Unset = UNSET,
) -> Error | PaginatedGoalList | None:
    """List goals

     Scope `goals:read`.

    Args:
        capability (UUID | Unset):
        department (UUID | Unset):
        key_result (UUID | Unset):
        level (GoalsListLevel | Unset):
        ordering (str | Unset):
        owner (UUID | Unset):
        owner_type (GoalsListOwnerType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        perspective (GoalsListPerspective | Unset):
        search (str | Unset):
        status (GoalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedGoalList
    """

    return sync_detailed(
        client=client,
        capability=capability,
        department=department,
        key_result=key_result,
        level=level,
        ordering=ordering,
        owner=owner,
        owner_type=owner_type,
        page=page,
        page_size=page_size,
        perspective=perspective,
        search=search,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    department: UUID | Unset = UNSET,
    key_result: UUID | Unset = UNSET,
    level: GoalsListLevel | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: UUID | Unset = UNSET,
    owner_type: GoalsListOwnerType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    perspective: GoalsListPerspective | Unset = UNSET,
    search: str | Unset = UNSET,
    status: GoalsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedGoalList]:
    """List goals

     Scope `goals:read`.

    Args:
        capability (UUID | Unset):
        department (UUID | Unset):
        key_result (UUID | Unset):
        level (GoalsListLevel | Unset):
        ordering (str | Unset):
        owner (UUID | Unset):
        owner_type (GoalsListOwnerType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        perspective (GoalsListPerspective | Unset):
        search (str | Unset):
        status (GoalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedGoalList]
    """

    kwargs = _get_kwargs(
        capability=capability,
        department=department,
        key_result=key_result,
        level=level,
        ordering=ordering,
        owner=owner,
        owner_type=owner_type,
        page=page,
        page_size=page_size,
        perspective=perspective,
        search=search,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    capability: UUID | Unset = UNSET,
    department: UUID | Unset = UNSET,
    key_result: UUID | Unset = UNSET,
    level: GoalsListLevel | Unset = UNSET,
    ordering: str | Unset = UNSET,
    owner: UUID | Unset = UNSET,
    owner_type: GoalsListOwnerType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    perspective: GoalsListPerspective | Unset = UNSET,
    search: str | Unset = UNSET,
    status: GoalsListStatus | Unset = UNSET,
) -> Error | PaginatedGoalList | None:
    """List goals

     Scope `goals:read`.

    Args:
        capability (UUID | Unset):
        department (UUID | Unset):
        key_result (UUID | Unset):
        level (GoalsListLevel | Unset):
        ordering (str | Unset):
        owner (UUID | Unset):
        owner_type (GoalsListOwnerType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        perspective (GoalsListPerspective | Unset):
        search (str | Unset):
        status (GoalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedGoalList
    """

    return (
        await asyncio_detailed(
            client=client,
            capability=capability,
            department=department,
            key_result=key_result,
            level=level,
            ordering=ordering,
            owner=owner,
            owner_type=owner_type,
            page=page,
            page_size=page_size,
            perspective=perspective,
            search=search,
            status=status,
        )
    ).parsed
