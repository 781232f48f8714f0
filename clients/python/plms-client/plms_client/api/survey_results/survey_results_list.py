from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_survey_result_list import PaginatedSurveyResultList
from ...models.survey_results_list_by import SurveyResultsListBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    by: SurveyResultsListBy | Unset = UNSET,
    department: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    round_: UUID | Unset = UNSET,
    survey: UUID,
    team: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_by: str | Unset = UNSET
    if not isinstance(by, Unset):
        json_by = by.value

    params["by"] = json_by

    json_department: str | Unset = UNSET
    if not isinstance(department, Unset):
        json_department = str(department)
    params["department"] = json_department

    params["page"] = page

    params["page_size"] = page_size

    json_round_: str | Unset = UNSET
    if not isinstance(round_, Unset):
        json_round_ = str(round_)
    params["round"] = json_round_

    json_survey = str(survey)
    params["survey"] = json_survey

    json_team: str | Unset = UNSET
    if not isinstance(team, Unset):
        json_team = str(team)
    params["team"] = json_team

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/survey-results",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PaginatedSurveyResultList | None:
    if response.status_code == 200:
        response_200 = PaginatedSurveyResultList.from_dict(response.json())

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
) -> Response[Error | PaginatedSurveyResultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    by: SurveyResultsListBy | Unset = UNSET,
    department: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    round_: UUID | Unset = UNSET,
    survey: UUID,
    team: UUID | Unset = UNSET,
) -> Response[Error | PaginatedSurveyResultList]:
    """Survey results

     One row per round (oldest first) for the group the filters name and, with `by`, each department or
    team under it. A group with fewer responses than the organisation's minimum, or one whose figures
    with those shown would reveal such a group, is `suppressed` with no figures, whatever the filters.
    HR admins and keys: any group; a manager: their own team only; others: nothing. Scope
    `surveys:read`.

    Args:
        by (SurveyResultsListBy | Unset):
        department (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        round_ (UUID | Unset):
        survey (UUID):
        team (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSurveyResultList]
    """

    kwargs = _get_kwargs(
        by=by,
        department=department,
        page=page,
        page_size=page_size,
        round_=round_,
        survey=survey,
        team=team,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    by: SurveyResultsListBy | Unset = UNSET,
    department: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    round_: UUID | Unset = UNSET,
    survey: UUID,
    team: UUID | Unset = UNSET,
) -> Error | PaginatedSurveyResultList | None:
    """Survey results

     One row per round (oldest first) for the group the filters name and, with `by`, each department or
    team under it. A group with fewer responses than the organisation's minimum, or one whose figures
    with those shown would reveal such a group, is `suppressed` with no figures, whatever the filters.
    HR admins and keys: any group; a manager: their own team only; others: nothing. Scope
    `surveys:read`.

    Args:
        by (SurveyResultsListBy | Unset):
        department (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        round_ (UUID | Unset):
        survey (UUID):
        team (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSurveyResultList
    """

    return sync_detailed(
        client=client,
        by=by,
        department=department,
        page=page,
        page_size=page_size,
        round_=round_,
        survey=survey,
        team=team,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    by: SurveyResultsListBy | Unset = UNSET,
    department: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    round_: UUID | Unset = UNSET,
    survey: UUID,
    team: UUID | Unset = UNSET,
) -> Response[Error | PaginatedSurveyResultList]:
    """Survey results

     One row per round (oldest first) for the group the filters name and, with `by`, each department or
    team under it. A group with fewer responses than the organisation's minimum, or one whose figures
    with those shown would reveal such a group, is `suppressed` with no figures, whatever the filters.
    HR admins and keys: any group; a manager: their own team only; others: nothing. Scope
    `surveys:read`.

    Args:
        by (SurveyResultsListBy | Unset):
        department (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        round_ (UUID | Unset):
        survey (UUID):
        team (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedSurveyResultList]
    """

    kwargs = _get_kwargs(
        by=by,
        department=department,
        page=page,
        page_size=page_size,
        round_=round_,
        survey=survey,
        team=team,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    by: SurveyResultsListBy | Unset = UNSET,
    department: UUID | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    round_: UUID | Unset = UNSET,
    survey: UUID,
    team: UUID | Unset = UNSET,
) -> Error | PaginatedSurveyResultList | None:
    """Survey results

     One row per round (oldest first) for the group the filters name and, with `by`, each department or
    team under it. A group with fewer responses than the organisation's minimum, or one whose figures
    with those shown would reveal such a group, is `suppressed` with no figures, whatever the filters.
    HR admins and keys: any group; a manager: their own team only; others: nothing. Scope
    `surveys:read`.

    Args:
        by (SurveyResultsListBy | Unset):
        department (UUID | Unset):
        page (int | Unset):
        page_size (int | Unset):
        round_ (UUID | Unset):
        survey (UUID):
        team (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedSurveyResultList
    """

    return (
        await asyncio_detailed(
            client=client,
            by=by,
            department=department,
            page=page,
            page_size=page_size,
            round_=round_,
            survey=survey,
            team=team,
        )
    ).parsed
