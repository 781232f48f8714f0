from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_review_answer_row_list import PaginatedReviewAnswerRowList
from ...models.review_answers_list_kind import ReviewAnswersListKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cycle: UUID | Unset = UNSET,
    employee: UUID,
    kind: ReviewAnswersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_cycle: str | Unset = UNSET
    if not isinstance(cycle, Unset):
        json_cycle = str(cycle)
    params["cycle"] = json_cycle

    json_employee = str(employee)
    params["employee"] = json_employee

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/review-answers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedReviewAnswerRowList | None:
    if response.status_code == 200:
        response_200 = PaginatedReviewAnswerRowList.from_dict(response.json())

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
) -> Response[Error | PaginatedReviewAnswerRowList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID,
    kind: ReviewAnswersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Response[Error | PaginatedReviewAnswerRowList]:
    """Review answers about an employee

     Of one employee (`employee`, required) in a cycle (`cycle`, default: the latest closed cycle that
    assessed them), every question with the answers the caller may see: named ones (self; managers and
    experts to managers and HR) and the anonymous kinds (`peer`, `upward`) pooled, withheld entirely
    below the cycle's minimum of respondents whatever the filters. Of an upward review the manager sees
    the aggregate, HR the distribution. The employee, their managers, HR admins and keys;
    `assessments:read`. Another's results are a 404.

    Args:
        cycle (UUID | Unset):
        employee (UUID):
        kind (ReviewAnswersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedReviewAnswerRowList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        employee=employee,
        kind=kind,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID,
    kind: ReviewAnswersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Error | PaginatedReviewAnswerRowList | None:
    """Review answers about an employee

     Of one employee (`employee`, required) in a cycle (`cycle`, default: the latest closed cycle that
    assessed them), every question with the answers the caller may see: named ones (self; managers and
    experts to managers and HR) and the anonymous kinds (`peer`, `upward`) pooled, withheld entirely
    below the cycle's minimum of respondents whatever the filters. Of an upward review the manager sees
    the aggregate, HR the distribution. The employee, their managers, HR admins and keys;
    `assessments:read`. Another's results are a 404.

    Args:
        cycle (UUID | Unset):
        employee (UUID):
        kind (ReviewAnswersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedReviewAnswerRowList
    """

    return sync_detailed(
        client=client,
        cycle=cycle,
        employee=employee,
        kind=kind,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID,
    kind: ReviewAnswersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Response[Error | PaginatedReviewAnswerRowList]:
    """Review answers about an employee

     Of one employee (`employee`, required) in a cycle (`cycle`, default: the latest closed cycle that
    assessed them), every question with the answers the caller may see: named ones (self; managers and
    experts to managers and HR) and the anonymous kinds (`peer`, `upward`) pooled, withheld entirely
    below the cycle's minimum of respondents whatever the filters. Of an upward review the manager sees
    the aggregate, HR the distribution. The employee, their managers, HR admins and keys;
    `assessments:read`. Another's results are a 404.

    Args:
        cycle (UUID | Unset):
        employee (UUID):
        kind (ReviewAnswersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedReviewAnswerRowList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        employee=employee,
        kind=kind,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID,
    kind: ReviewAnswersListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
) -> Error | PaginatedReviewAnswerRowList | None:
    """Review answers about an employee

     Of one employee (`employee`, required) in a cycle (`cycle`, default: the latest closed cycle that
    assessed them), every question with the answers the caller may see: named ones (self; managers and
    experts to managers and HR) and the anonymous kinds (`peer`, `upward`) pooled, withheld entirely
    below the cycle's minimum of respondents whatever the filters. Of an upward review the manager sees
    the aggregate, HR the distribution. The employee, their managers, HR admins and keys;
    `assessments:read`. Another's results are a 404.

    Args:
        cycle (UUID | Unset):
        employee (UUID):
        kind (ReviewAnswersListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedReviewAnswerRowList
    """

    return (
        await asyncio_detailed(
            client=client,
            cycle=cycle,
            employee=employee,
            kind=kind,
            page=page,
            page_size=page_size,
        )
    ).parsed
