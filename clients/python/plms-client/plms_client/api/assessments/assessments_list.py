from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assessments_list_kind import AssessmentsListKind
from ...models.assessments_list_status import AssessmentsListStatus
from ...models.error import Error
from ...models.paginated_assessment_list import PaginatedAssessmentList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    kind: AssessmentsListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rater: UUID | Unset = UNSET,
    status: AssessmentsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_cycle: str | Unset = UNSET
    if not isinstance(cycle, Unset):
        json_cycle = str(cycle)
    params["cycle"] = json_cycle

    json_employee: str | Unset = UNSET
    if not isinstance(employee, Unset):
        json_employee = str(employee)
    params["employee"] = json_employee

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["ordering"] = ordering

    params["page"] = page

    params["page_size"] = page_size

    json_rater: str | Unset = UNSET
    if not isinstance(rater, Unset):
        json_rater = str(rater)
    params["rater"] = json_rater

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/assessments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedAssessmentList | None:
    if response.status_code == 200:
        response_200 = PaginatedAssessmentList.from_dict(response.json())

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
) -> Response[Error | PaginatedAssessmentList]:
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
    employee: UUID | Unset = UNSET,
    kind: AssessmentsListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rater: UUID | Unset = UNSET,
    status: AssessmentsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedAssessmentList]:
    """List assessments

     Those the caller may see: their own to rate, their self-assessment, their reports' submitted
    assessments (anonymous peers only aggregated); HR admins and keys see all. Scope `assessments:read`.

    Args:
        cycle (UUID | Unset):
        employee (UUID | Unset):
        kind (AssessmentsListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rater (UUID | Unset):
        status (AssessmentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAssessmentList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        rater=rater,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    kind: AssessmentsListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rater: UUID | Unset = UNSET,
    status: AssessmentsListStatus | Unset = UNSET,
) -> Error | PaginatedAssessmentList | None:
    """List assessments

     Those the caller may see: their own to rate, their self-assessment, their reports' submitted
    assessments (anonymous peers only aggregated); HR admins and keys see all. Scope `assessments:read`.

    Args:
        cycle (UUID | Unset):
        employee (UUID | Unset):
        kind (AssessmentsListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rater (UUID | Unset):
        status (AssessmentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAssessmentList
    """

    return sync_detailed(
        client=client,
        cycle=cycle,
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        rater=rater,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    kind: AssessmentsListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rater: UUID | Unset = UNSET,
    status: AssessmentsListStatus | Unset = UNSET,
) -> Response[Error | PaginatedAssessmentList]:
    """List assessments

     Those the caller may see: their own to rate, their self-assessment, their reports' submitted
    assessments (anonymous peers only aggregated); HR admins and keys see all. Scope `assessments:read`.

    Args:
        cycle (UUID | Unset):
        employee (UUID | Unset):
        kind (AssessmentsListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rater (UUID | Unset):
        status (AssessmentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedAssessmentList]
    """

    kwargs = _get_kwargs(
        cycle=cycle,
        employee=employee,
        kind=kind,
        ordering=ordering,
        page=page,
        page_size=page_size,
        rater=rater,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cycle: UUID | Unset = UNSET,
    employee: UUID | Unset = UNSET,
    kind: AssessmentsListKind | Unset = UNSET,
    ordering: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    rater: UUID | Unset = UNSET,
    status: AssessmentsListStatus | Unset = UNSET,
) -> Error | PaginatedAssessmentList | None:
    """List assessments

     Those the caller may see: their own to rate, their self-assessment, their reports' submitted
    assessments (anonymous peers only aggregated); HR admins and keys see all. Scope `assessments:read`.

    Args:
        cycle (UUID | Unset):
        employee (UUID | Unset):
        kind (AssessmentsListKind | Unset):
        ordering (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        rater (UUID | Unset):
        status (AssessmentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedAssessmentList
    """

    return (
        await asyncio_detailed(
            client=client,
            cycle=cycle,
            employee=employee,
            kind=kind,
            ordering=ordering,
            page=page,
            page_size=page_size,
            rater=rater,
            status=status,
        )
    ).parsed
