from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.feedback_list_kind import FeedbackListKind
from ...models.feedback_list_visibility import FeedbackListVisibility
from ...models.paginated_feedback_list import PaginatedFeedbackList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    giver: UUID | Unset = UNSET,
    kind: FeedbackListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    receiver: UUID | Unset = UNSET,
    visibility: FeedbackListVisibility | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_giver: str | Unset = UNSET
    if not isinstance(giver, Unset):
        json_giver = str(giver)
    params["giver"] = json_giver

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_receiver: str | Unset = UNSET
    if not isinstance(receiver, Unset):
        json_receiver = str(receiver)
    params["receiver"] = json_receiver

    json_visibility: str | Unset = UNSET
    if not isinstance(visibility, Unset):
        json_visibility = visibility.value

    params["visibility"] = json_visibility

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/feedback",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedFeedbackList | None:
    if response.status_code == 200:
        response_200 = PaginatedFeedbackList.from_dict(response.json())

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
) -> Response[Error | PaginatedFeedbackList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    giver: UUID | Unset = UNSET,
    kind: FeedbackListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    receiver: UUID | Unset = UNSET,
    visibility: FeedbackListVisibility | Unset = UNSET,
) -> Response[Error | PaginatedFeedbackList]:
    """List feedback you may see

     Scope `goals:read`.

    Args:
        giver (UUID | Unset):
        kind (FeedbackListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        receiver (UUID | Unset):
        visibility (FeedbackListVisibility | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedFeedbackList]
    """

    kwargs = _get_kwargs(
        giver=giver,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        receiver=receiver,
        visibility=visibility,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    giver: UUID | Unset = UNSET,
    kind: FeedbackListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    receiver: UUID | Unset = UNSET,
    visibility: FeedbackListVisibility | Unset = UNSET,
) -> Error | PaginatedFeedbackList | None:
    """List feedback you may see

     Scope `goals:read`.

    Args:
        giver (UUID | Unset):
        kind (FeedbackListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        receiver (UUID | Unset):
        visibility (FeedbackListVisibility | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedFeedbackList
    """

    return sync_detailed(
        client=client,
        giver=giver,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        receiver=receiver,
        visibility=visibility,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    giver: UUID | Unset = UNSET,
    kind: FeedbackListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    receiver: UUID | Unset = UNSET,
    visibility: FeedbackListVisibility | Unset = UNSET,
) -> Response[Error | PaginatedFeedbackList]:
    """List feedback you may see

     Scope `goals:read`.

    Args:
        giver (UUID | Unset):
        kind (FeedbackListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        receiver (UUID | Unset):
        visibility (FeedbackListVisibility | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedFeedbackList]
    """

    kwargs = _get_kwargs(
        giver=giver,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        receiver=receiver,
        visibility=visibility,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    giver: UUID | Unset = UNSET,
    kind: FeedbackListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    receiver: UUID | Unset = UNSET,
    visibility: FeedbackListVisibility | Unset = UNSET,
) -> Error | PaginatedFeedbackList | None:
    """List feedback you may see

     Scope `goals:read`.

    Args:
        giver (UUID | Unset):
        kind (FeedbackListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        receiver (UUID | Unset):
        visibility (FeedbackListVisibility | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedFeedbackList
    """

    return (
        await asyncio_detailed(
            client=client,
            giver=giver,
            kind=kind,
            ordering=ordering,
            page=page,
            page_size=page_size,
            receiver=receiver,
            visibility=visibility,
        )
    ).parsed
