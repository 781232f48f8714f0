from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_job_role_assignment_list import PaginatedJobRoleAssignmentList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    current: bool | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    role: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["current"] = current

    json_employee: str | Unset = UNSET
    if not isinstance(employee, Unset):
        json_employee = str(employee)
    params["employee"] = json_employee

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = str(role)
    params["role"] = json_role

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/job-role-assignments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedJobRoleAssignmentList | None:
    if response.status_code == 200:
        response_200 = PaginatedJobRoleAssignmentList.from_dict(response.json())

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
) -> Response[Error | PaginatedJobRoleAssignmentList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    current: bool | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    role: UUID | Unset = UNSET,
) -> Response[Error | PaginatedJobRoleAssignmentList]:
    """List job role assignments

     Who holds (and held) which role, newest first: the history of every person's roles. `?current=true`
    lists the roles held now. Scope `people:read`.

    Args:
        current (bool | Unset):
        employee (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        role (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedJobRoleAssignmentList]
    """

    kwargs = _get_kwargs(
        current=current,
        employee=employee,
        ordering=ordering,
        page=page,
        page_size=page_size,
        role=role,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    current: bool | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    role: UUID | Unset = UNSET,
) -> Error | PaginatedJobRoleAssignmentList | None:
    """List job role assignments

     Who holds (and held) which role, newest first: the history of every person's roles. `?current=true`
    lists the roles held now. Scope `people:read`.

    Args:
        current (bool | Unset):
        employee (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        role (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedJobRoleAssignmentList
    """

    return sync_detailed(
        client=client,
        current=current,
        employee=employee,
        ordering=ordering,
        page=page,
        page_size=page_size,
        role=role,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    current: bool | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    role: UUID | Unset = UNSET,
) -> Response[Error | PaginatedJobRoleAssignmentList]:
    """List job role assignments

     Who holds (and held) which role, newest first: the history of every person's roles. `?current=true`
    lists the roles held now. Scope `people:read`.

    Args:
        current (bool | Unset):
        employee (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        role (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedJobRoleAssignmentList]
    """

    kwargs = _get_kwargs(
        current=current,
        employee=employee,
        ordering=ordering,
        page=page,
        page_size=page_size,
        role=role,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    current: bool | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    role: UUID | Unset = UNSET,
) -> Error | PaginatedJobRoleAssignmentList | None:
    """List job role assignments

     Who holds (and held) which role, newest first: the history of every person's roles. `?current=true`
    lists the roles held now. Scope `people:read`.

    Args:
        current (bool | Unset):
        employee (UUID | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        role (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedJobRoleAssignmentList
    """

    return (
        await asyncio_detailed(
            client=client,
            current=current,
            employee=employee,
            ordering=ordering,
            page=page,
            page_size=page_size,
            role=role,
        )
    ).parsed
