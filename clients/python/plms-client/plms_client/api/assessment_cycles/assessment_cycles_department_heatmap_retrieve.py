from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.department_heatmap import DepartmentHeatmap
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/assessment-cycles/{id}/department-heatmap".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepartmentHeatmap | Error | None:
    if response.status_code == 200:
        response_200 = DepartmentHeatmap.from_dict(response.json())

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
) -> Response[DepartmentHeatmap | Error]:
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
) -> Response[DepartmentHeatmap | Error]:
    """Departments x capabilities gap heatmap

     The departments and capabilities of the cycle's consolidated results; per department and capability
    (people assessed, how many are below target and their share, mean level, target and gap) the
    collection `department-heatmap/cells`. One aggregate query whatever the number of people, cached
    until the cycle's levels, someone's department or a name shown changes. HR admins and keys
    (`assessments:read`).

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentHeatmap | Error]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
) -> DepartmentHeatmap | Error | None:
    """Departments x capabilities gap heatmap

     The departments and capabilities of the cycle's consolidated results; per department and capability
    (people assessed, how many are below target and their share, mean level, target and gap) the
    collection `department-heatmap/cells`. One aggregate query whatever the number of people, cached
    until the cycle's levels, someone's department or a name shown changes. HR admins and keys
    (`assessments:read`).

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentHeatmap | Error
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DepartmentHeatmap | Error]:
    """Departments x capabilities gap heatmap

     The departments and capabilities of the cycle's consolidated results; per department and capability
    (people assessed, how many are below target and their share, mean level, target and gap) the
    collection `department-heatmap/cells`. One aggregate query whatever the number of people, cached
    until the cycle's levels, someone's department or a name shown changes. HR admins and keys
    (`assessments:read`).

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentHeatmap | Error]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
) -> DepartmentHeatmap | Error | None:
    """Departments x capabilities gap heatmap

     The departments and capabilities of the cycle's consolidated results; per department and capability
    (people assessed, how many are below target and their share, mean level, target and gap) the
    collection `department-heatmap/cells`. One aggregate query whatever the number of people, cached
    until the cycle's levels, someone's department or a name shown changes. HR admins and keys
    (`assessments:read`).

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentHeatmap | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
