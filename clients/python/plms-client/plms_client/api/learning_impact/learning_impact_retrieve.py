from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.learning_impact import LearningImpact
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/learning-impact",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | LearningImpact | None:
    if response.status_code == 200:
        response_200 = LearningImpact.from_dict(response.json())

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
) -> Response[Error | LearningImpact]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Error | LearningImpact]:
    """Learning impact report

     The organisation's figures: completions, how many were measured (a consolidated level before and
    after), mean change, levels gained and cost per level gained (`overall`), completion `rates`, and
    the `caveat`: association, not proof. The rows are collections of their own, 50 a page: per item
    `learning-impact/items`, per capability `learning-impact/capabilities`, per plan `learning-
    impact/plans`. Scope `learning:read`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LearningImpact]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Error | LearningImpact | None:
    """Learning impact report

     The organisation's figures: completions, how many were measured (a consolidated level before and
    after), mean change, levels gained and cost per level gained (`overall`), completion `rates`, and
    the `caveat`: association, not proof. The rows are collections of their own, 50 a page: per item
    `learning-impact/items`, per capability `learning-impact/capabilities`, per plan `learning-
    impact/plans`. Scope `learning:read`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LearningImpact
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Error | LearningImpact]:
    """Learning impact report

     The organisation's figures: completions, how many were measured (a consolidated level before and
    after), mean change, levels gained and cost per level gained (`overall`), completion `rates`, and
    the `caveat`: association, not proof. The rows are collections of their own, 50 a page: per item
    `learning-impact/items`, per capability `learning-impact/capabilities`, per plan `learning-
    impact/plans`. Scope `learning:read`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LearningImpact]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Error | LearningImpact | None:
    """Learning impact report

     The organisation's figures: completions, how many were measured (a consolidated level before and
    after), mean change, levels gained and cost per level gained (`overall`), completion `rates`, and
    the `caveat`: association, not proof. The rows are collections of their own, 50 a page: per item
    `learning-impact/items`, per capability `learning-impact/capabilities`, per plan `learning-
    impact/plans`. Scope `learning:read`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LearningImpact
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
