from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_outlier_list import PaginatedOutlierList
from ...models.performance_outliers_list_kind import PerformanceOutliersListKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cycles: int | Unset = UNSET,
    kind: PerformanceOutliersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    times: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cycles"] = cycles

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["page"] = page

    params["page_size"] = page_size

    params["times"] = times

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/performance-outliers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedOutlierList | None:
    if response.status_code == 200:
        response_200 = PaginatedOutlierList.from_dict(response.json())

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
) -> Response[Error | PaginatedOutlierList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cycles: int | Unset = UNSET,
    kind: PerformanceOutliersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    times: int | Unset = UNSET,
) -> Response[Error | PaginatedOutlierList]:
    """Performance outliers

     Consistently high performers (the top overall rating in at least `times` of the last `cycles` cycles
    with final ratings) and chronic low performers (low ratings as often, or a low latest rating with
    red goals or missed check-ins), each with a suggested action: `retention_review`,
    `improvement_plan`, or `follow_improvement_plan` when one is open. HR admins and keys: everyone; a
    manager: the people below them; others: nobody. High performers first, then by name. Scope
    `compensation:read`.

    Args:
        cycles (int | Unset):
        kind (PerformanceOutliersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        times (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOutlierList]
    """

    kwargs = _get_kwargs(
        cycles=cycles,
        kind=kind,
        page=page,
        page_size=page_size,
        times=times,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cycles: int | Unset = UNSET,
    kind: PerformanceOutliersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    times: int | Unset = UNSET,
) -> Error | PaginatedOutlierList | None:
    """Performance outliers

     Consistently high performers (the top overall rating in at least `times` of the last `cycles` cycles
    with final ratings) and chronic low performers (low ratings as often, or a low latest rating with
    red goals or missed check-ins), each with a suggested action: `retention_review`,
    `improvement_plan`, or `follow_improvement_plan` when one is open. HR admins and keys: everyone; a
    manager: the people below them; others: nobody. High performers first, then by name. Scope
    `compensation:read`.

    Args:
        cycles (int | Unset):
        kind (PerformanceOutliersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        times (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOutlierList
    """

    return sync_detailed(
        client=client,
        cycles=cycles,
        kind=kind,
        page=page,
        page_size=page_size,
        times=times,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cycles: int | Unset = UNSET,
    kind: PerformanceOutliersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    times: int | Unset = UNSET,
) -> Response[Error | PaginatedOutlierList]:
    """Performance outliers

     Consistently high performers (the top overall rating in at least `times` of the last `cycles` cycles
    with final ratings) and chronic low performers (low ratings as often, or a low latest rating with
    red goals or missed check-ins), each with a suggested action: `retention_review`,
    `improvement_plan`, or `follow_improvement_plan` when one is open. HR admins and keys: everyone; a
    manager: the people below them; others: nobody. High performers first, then by name. Scope
    `compensation:read`.

    Args:
        cycles (int | Unset):
        kind (PerformanceOutliersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        times (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedOutlierList]
    """

    kwargs = _get_kwargs(
        cycles=cycles,
        kind=kind,
        page=page,
        page_size=page_size,
        times=times,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cycles: int | Unset = UNSET,
    kind: PerformanceOutliersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    times: int | Unset = UNSET,
) -> Error | PaginatedOutlierList | None:
    """Performance outliers

     Consistently high performers (the top overall rating in at least `times` of the last `cycles` cycles
    with final ratings) and chronic low performers (low ratings as often, or a low latest rating with
    red goals or missed check-ins), each with a suggested action: `retention_review`,
    `improvement_plan`, or `follow_improvement_plan` when one is open. HR admins and keys: everyone; a
    manager: the people below them; others: nobody. High performers first, then by name. Scope
    `compensation:read`.

    Args:
        cycles (int | Unset):
        kind (PerformanceOutliersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        times (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedOutlierList
    """

    return (
        await asyncio_detailed(
            client=client,
            cycles=cycles,
            kind=kind,
            page=page,
            page_size=page_size,
            times=times,
        )
    ).parsed
