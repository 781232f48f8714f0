import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_audit_event_list import PaginatedAuditEventList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    object_: UUID | Unset = UNSET,
    object_type: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["action"] = action

    params["actor"] = actor

    json_object_: str | Unset = UNSET
    if not isinstance(object_, Unset):
        json_object_ = str(object_)
    params["object"] = json_object_

    params["object_type"] = object_type

    params["page"] = page

    params["page_size"] = page_size

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedAuditEventList | None:
    if response.status_code == 200:
        response_200 = PaginatedAuditEventList.from_dict(response.json())

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
) -> Response[Error | PaginatedAuditEventList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    object_: UUID | Unset = UNSET,
    object_type: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[Error | PaginatedAuditEventList]:
    """List audit events

     The organisation's audit log, newest first. Scope `audit:read`.

    Args:
        action (str | Unset):
        actor (str | Unset):
        object_ (UUID | Unset):
        object_type (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAuditEventList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor=actor,
        object_=object_,
        object_type=object_type,
        page=page,
        page_size=page_size,
        since=since,
        until=until,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    object_: UUID | Unset = UNSET,
    object_type: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Error | PaginatedAuditEventList | None:
    """List audit events

     The organisation's audit log, newest first. Scope `audit:read`.

    Args:
        action (str | Unset):
        actor (str | Unset):
        object_ (UUID | Unset):
        object_type (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAuditEventList
    """

    return sync_detailed(
        client=client,
        action=action,
        actor=actor,
        object_=object_,
        object_type=object_type,
        page=page,
        page_size=page_size,
        since=since,
        until=until,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    object_: UUID | Unset = UNSET,
    object_type: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[Error | PaginatedAuditEventList]:
    """List audit events

     The organisation's audit log, newest first. Scope `audit:read`.

    Args:
        action (str | Unset):
        actor (str | Unset):
        object_ (UUID | Unset):
        object_type (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAuditEventList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor=actor,
        object_=object_,
        object_type=object_type,
        page=page,
        page_size=page_size,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    object_: UUID | Unset = UNSET,
    object_type: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Error | PaginatedAuditEventList | None:
    """List audit events

     The organisation's audit log, newest first. Scope `audit:read`.

    Args:
        action (str | Unset):
        actor (str | Unset):
        object_ (UUID | Unset):
        object_type (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAuditEventList
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            actor=actor,
            object_=object_,
            object_type=object_type,
            page=page,
            page_size=page_size,
            since=since,
            until=until,
        )
    ).parsed
