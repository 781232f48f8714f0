from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.external_rating import ExternalRating
from ...models.external_rating_request import ExternalRatingRequest
from ...types import Response


def _get_kwargs(
    *,
    body: ExternalRatingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/external-ratings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ExternalRating | None:
    if response.status_code == 200:
        response_200 = ExternalRating.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ExternalRating.from_dict(response.json())

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
) -> Response[Error | ExternalRating]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ExternalRatingRequest,
) -> Response[Error | ExternalRating]:
    """Import an external rating

     Scope `ratings:import`. A level rated in another system, on behalf of `source`: consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`, shown with its
    source, audited. Idempotent by `external_id`: 201 the first time, 200 with the rating recorded first
    after that. A level outside the scale is `level_out_of_scale`.

    Args:
        body (ExternalRatingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExternalRating]
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
    body: ExternalRatingRequest,
) -> Error | ExternalRating | None:
    """Import an external rating

     Scope `ratings:import`. A level rated in another system, on behalf of `source`: consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`, shown with its
    source, audited. Idempotent by `external_id`: 201 the first time, 200 with the rating recorded first
    after that. A level outside the scale is `level_out_of_scale`.

    Args:
        body (ExternalRatingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExternalRating
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ExternalRatingRequest,
) -> Response[Error | ExternalRating]:
    """Import an external rating

     Scope `ratings:import`. A level rated in another system, on behalf of `source`: consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`, shown with its
    source, audited. Idempotent by `external_id`: 201 the first time, 200 with the rating recorded first
    after that. A level outside the scale is `level_out_of_scale`.

    Args:
        body (ExternalRatingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExternalRating]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ExternalRatingRequest,
) -> Error | ExternalRating | None:
    """Import an external rating

     Scope `ratings:import`. A level rated in another system, on behalf of `source`: consolidated as an
    expert rating by a cycle that weights experts and whose period covers `rated_on`, shown with its
    source, audited. Idempotent by `external_id`: 201 the first time, 200 with the rating recorded first
    after that. A level outside the scale is `level_out_of_scale`.

    Args:
        body (ExternalRatingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExternalRating
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
