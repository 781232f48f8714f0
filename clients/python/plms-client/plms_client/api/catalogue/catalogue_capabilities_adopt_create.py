from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.capability import Capability
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    key: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/catalogue/capabilities/{key}/adopt".format(
            key=quote(str(key), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Capability | Error | None:
    if response.status_code == 200:
        response_200 = Capability.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Capability.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Capability | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    *,
    client: AuthenticatedClient,
) -> Response[Capability | Error]:
    """Adopt a catalogue capability

     Copies it into the organisation's library with its levels (scope `capabilities:write`, HR admins):
    201 with the new capability. Idempotent: adopting it again answers 200 with the same capability. The
    copy keeps its catalogue key and revision, so later catalogue revisions are offered at `/capability-
    updates`. A capability of the same name that was not adopted is `duplicate_name`.

    Args:
        key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Capability | Error]
    """

    kwargs = _get_kwargs(
        key=key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key: str,
    *,
    client: AuthenticatedClient,
) -> Capability | Error | None:
    """Adopt a catalogue capability

     Copies it into the organisation's library with its levels (scope `capabilities:write`, HR admins):
    201 with the new capability. Idempotent: adopting it again answers 200 with the same capability. The
    copy keeps its catalogue key and revision, so later catalogue revisions are offered at `/capability-
    updates`. A capability of the same name that was not adopted is `duplicate_name`.

    Args:
        key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Capability | Error
    """

    return sync_detailed(
        key=key,
        client=client,
    ).parsed


async def asyncio_detailed(
    key: str,
    *,
    client: AuthenticatedClient,
) -> Response[Capability | Error]:
    """Adopt a catalogue capability

     Copies it into the organisation's library with its levels (scope `capabilities:write`, HR admins):
    201 with the new capability. Idempotent: adopting it again answers 200 with the same capability. The
    copy keeps its catalogue key and revision, so later catalogue revisions are offered at `/capability-
    updates`. A capability of the same name that was not adopted is `duplicate_name`.

    Args:
        key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Capability | Error]
    """

    kwargs = _get_kwargs(
        key=key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key: str,
    *,
    client: AuthenticatedClient,
) -> Capability | Error | None:
    """Adopt a catalogue capability

     Copies it into the organisation's library with its levels (scope `capabilities:write`, HR admins):
    201 with the new capability. Idempotent: adopting it again answers 200 with the same capability. The
    copy keeps its catalogue key and revision, so later catalogue revisions are offered at `/capability-
    updates`. A capability of the same name that was not adopted is `duplicate_name`.

    Args:
        key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Capability | Error
    """

    return (
        await asyncio_detailed(
            key=key,
            client=client,
        )
    ).parsed
