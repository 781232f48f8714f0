from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.learning_items_list_completion_outcome import LearningItemsListCompletionOutcome
from ...models.learning_items_list_kind import LearningItemsListKind
from ...models.paginated_learning_item_list import PaginatedLearningItemList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    active: bool | Unset = UNSET,
    capability: UUID | Unset = UNSET,
    completion_outcome: LearningItemsListCompletionOutcome | Unset = UNSET,
    external_id: str | Unset = UNSET,
    kind: LearningItemsListKind | Unset = UNSET,
    language: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["active"] = active

    json_capability: str | Unset = UNSET
    if not isinstance(capability, Unset):
        json_capability = str(capability)
    params["capability"] = json_capability

    json_completion_outcome: str | Unset = UNSET
    if not isinstance(completion_outcome, Unset):
        json_completion_outcome = completion_outcome.value

    params["completion_outcome"] = json_completion_outcome

    params["external_id"] = external_id

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["language"] = language

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/learning-items",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedLearningItemList | None:
    if response.status_code == 200:
        response_200 = PaginatedLearningItemList.from_dict(response.json())

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
) -> Response[Error | PaginatedLearningItemList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    active: bool | Unset = UNSET,
    capability: UUID | Unset = UNSET,
    completion_outcome: LearningItemsListCompletionOutcome | Unset = UNSET,
    external_id: str | Unset = UNSET,
    kind: LearningItemsListKind | Unset = UNSET,
    language: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | PaginatedLearningItemList]:
    """List learning items

     Each with the learners' mean rating and how many rated it (training feedback, given once they
    completed it). Scope `learning:read`.

    Args:
        active (bool | Unset):
        capability (UUID | Unset):
        completion_outcome (LearningItemsListCompletionOutcome | Unset):
        external_id (str | Unset):
        kind (LearningItemsListKind | Unset):
        language (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedLearningItemList]
    """

    kwargs = _get_kwargs(
        active=active,
        capability=capability,
        completion_outcome=completion_outcome,
        external_id=external_id,
        kind=kind,
        language=language,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    active: bool | Unset = UNSET,
    capability: UUID | Unset = UNSET,
    completion_outcome: LearningItemsListCompletionOutcome | Unset = UNSET,
    external_id: str | Unset = UNSET,
    kind: LearningItemsListKind | Unset = UNSET,
    language: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | PaginatedLearningItemList | None:
    """List learning items

     Each with the learners' mean rating and how many rated it (training feedback, given once they
    completed it). Scope `learning:read`.

    Args:
        active (bool | Unset):
        capability (UUID | Unset):
        completion_outcome (LearningItemsListCompletionOutcome | Unset):
        external_id (str | Unset):
        kind (LearningItemsListKind | Unset):
        language (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedLearningItemList
    """

    return sync_detailed(
        client=client,
        active=active,
        capability=capability,
        completion_outcome=completion_outcome,
        external_id=external_id,
        kind=kind,
        language=language,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    active: bool | Unset = UNSET,
    capability: UUID | Unset = UNSET,
    completion_outcome: LearningItemsListCompletionOutcome | Unset = UNSET,
    external_id: str | Unset = UNSET,
    kind: LearningItemsListKind | Unset = UNSET,
    language: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | PaginatedLearningItemList]:
    """List learning items

     Each with the learners' mean rating and how many rated it (training feedback, given once they
    completed it). Scope `learning:read`.

    Args:
        active (bool | Unset):
        capability (UUID | Unset):
        completion_outcome (LearningItemsListCompletionOutcome | Unset):
        external_id (str | Unset):
        kind (LearningItemsListKind | Unset):
        language (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedLearningItemList]
    """

    kwargs = _get_kwargs(
        active=active,
        capability=capability,
        completion_outcome=completion_outcome,
        external_id=external_id,
        kind=kind,
        language=language,
        ordering=ordering,
        page=page,
        page_size=page_size,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    active: bool | Unset = UNSET,
    capability: UUID | Unset = UNSET,
    completion_outcome: LearningItemsListCompletionOutcome | Unset = UNSET,
    external_id: str | Unset = UNSET,
    kind: LearningItemsListKind | Unset = UNSET,
    language: str | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | PaginatedLearningItemList | None:
    """List learning items

     Each with the learners' mean rating and how many rated it (training feedback, given once they
    completed it). Scope `learning:read`.

    Args:
        active (bool | Unset):
        capability (UUID | Unset):
        completion_outcome (LearningItemsListCompletionOutcome | Unset):
        external_id (str | Unset):
        kind (LearningItemsListKind | Unset):
        language (str | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedLearningItemList
    """

    return (
        await asyncio_detailed(
            client=client,
            active=active,
            capability=capability,
            completion_outcome=completion_outcome,
            external_id=external_id,
            kind=kind,
            language=language,
            ordering=ordering,
            page=page,
            page_size=page_size,
            search=search,
        )
    ).parsed
