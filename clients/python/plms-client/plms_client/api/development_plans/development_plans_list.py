from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.development_plans_list_kind import DevelopmentPlansListKind
from ...models.development_plans_list_status import DevelopmentPlansListStatus
from ...models.error import Error
from ...models.paginated_development_plan_list import PaginatedDevelopmentPlanList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    employee: UUID | Unset = UNSET,
    kind: DevelopmentPlansListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: DevelopmentPlansListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_employee: str | Unset = UNSET
    if not isinstance(employee, Unset):
        json_employee = str(employee)
    params["employee"] = json_employee

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/development-plans",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedDevelopmentPlanList | None:
    if response.status_code == 200:
        response_200 = PaginatedDevelopmentPlanList.from_dict(response.json())

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
) -> Response[Error | PaginatedDevelopmentPlanList]:
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
    kind: DevelopmentPlansListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: DevelopmentPlansListStatus | Unset = UNSET,
) -> Response[Error | PaginatedDevelopmentPlanList]:
    """List development plans

     Employees see their own plans, managers their reports' (primary and matrix), HR admins and keys
    every plan. Scope `learning:read`.

    Args:
        employee (UUID | Unset):
        kind (DevelopmentPlansListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (DevelopmentPlansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedDevelopmentPlanList]
    """

    kwargs = _get_kwargs(
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    kind: DevelopmentPlansListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: DevelopmentPlansListStatus | Unset = UNSET,
) -> Error | PaginatedDevelopmentPlanList | None:
    """List development plans

     Employees see their own plans, managers their reports' (primary and matrix), HR admins and keys
    every plan. Scope `learning:read`.

    Args:
        employee (UUID | Unset):
        kind (DevelopmentPlansListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (DevelopmentPlansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedDevelopmentPlanList
    """

    return sync_detailed(
        client=client,
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    kind: DevelopmentPlansListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: DevelopmentPlansListStatus | Unset = UNSET,
) -> Response[Error | PaginatedDevelopmentPlanList]:
    """List development plans

     Employees see their own plans, managers their reports' (primary and matrix), HR admins and keys
    every plan. Scope `learning:read`.

    Args:
        employee (UUID | Unset):
        kind (DevelopmentPlansListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (DevelopmentPlansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedDevelopmentPlanList]
    """

    kwargs = _get_kwargs(
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    employee: UUID | Unset = UNSET,
    kind: DevelopmentPlansListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: DevelopmentPlansListStatus | Unset = UNSET,
) -> Error | PaginatedDevelopmentPlanList | None:
    """List development plans

     Employees see their own plans, managers their reports' (primary and matrix), HR admins and keys
    every plan. Scope `learning:read`.

    Args:
        employee (UUID | Unset):
        kind (DevelopmentPlansListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (DevelopmentPlansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedDevelopmentPlanList
    """

    return (
        await asyncio_detailed(
            client=client,
            employee=employee,
            kind=kind,
            ordering=ordering,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
