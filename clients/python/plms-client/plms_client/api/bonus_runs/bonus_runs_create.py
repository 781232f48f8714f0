from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bonus_run_detail import BonusRunDetail
from ...models.bonus_run_request import BonusRunRequest
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: BonusRunRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/bonus-runs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BonusRunDetail | Error | None:
    if response.status_code == 201:
        response_201 = BonusRunDetail.from_dict(response.json())

        return response_201

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
) -> Response[BonusRunDetail | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BonusRunRequest,
) -> Response[BonusRunDetail | Error]:
    """Open a bonus run

     HR admins and keys: computes each eligible person's bonus (pay with a grade whose target bonus is
    above zero, employed on a day of `year`): base pay x the grade's target % x company, department and
    individual multipliers x the part of the year employed. Scope `compensation:write`.

    Args:
        body (BonusRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BonusRunDetail | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BonusRunRequest,
) -> BonusRunDetail | Error | None:
    """Open a bonus run

     HR admins and keys: computes each eligible person's bonus (pay with a grade whose target bonus is
    above zero, employed on a day of `year`): base pay x the grade's target % x company, department and
    individual multipliers x the part of the year employed. Scope `compensation:write`.

    Args:
        body (BonusRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BonusRunDetail | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BonusRunRequest,
) -> Response[BonusRunDetail | Error]:
    """Open a bonus run

     HR admins and keys: computes each eligible person's bonus (pay with a grade whose target bonus is
    above zero, employed on a day of `year`): base pay x the grade's target % x company, department and
    individual multipliers x the part of the year employed. Scope `compensation:write`.

    Args:
        body (BonusRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BonusRunDetail | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BonusRunRequest,
) -> BonusRunDetail | Error | None:
    """Open a bonus run

     HR admins and keys: computes each eligible person's bonus (pay with a grade whose target bonus is
    above zero, employed on a day of `year`): base pay x the grade's target % x company, department and
    individual multipliers x the part of the year employed. Scope `compensation:write`.

    Args:
        body (BonusRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BonusRunDetail | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
