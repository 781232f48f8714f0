from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assessment_cycle import AssessmentCycle
from ...models.close_request import CloseRequest
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    body: CloseRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/assessment-cycles/{id}/close".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssessmentCycle | Error | None:
    if response.status_code == 200:
        response_200 = AssessmentCycle.from_dict(response.json())

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
) -> Response[AssessmentCycle | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: CloseRequest | Unset = UNSET,
) -> Response[AssessmentCycle | Error]:
    """Close the cycle

     Consolidates the submitted ratings; emits `assessment_cycle.closed`. Optional: `reason` (kept in the
    audit trail with the number of assessments not submitted) and `confirmed_unsubmitted`, the number of
    unsubmitted assessments the caller expects: if it is no longer true the close is refused (`409
    confirmation_stale`), and when it is above 0 a `reason` is required.

    Args:
        id (UUID):
        body (CloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssessmentCycle | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: CloseRequest | Unset = UNSET,
) -> AssessmentCycle | Error | None:
    """Close the cycle

     Consolidates the submitted ratings; emits `assessment_cycle.closed`. Optional: `reason` (kept in the
    audit trail with the number of assessments not submitted) and `confirmed_unsubmitted`, the number of
    unsubmitted assessments the caller expects: if it is no longer true the close is refused (`409
    confirmation_stale`), and when it is above 0 a `reason` is required.

    Args:
        id (UUID):
        body (CloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssessmentCycle | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: CloseRequest | Unset = UNSET,
) -> Response[AssessmentCycle | Error]:
    """Close the cycle

     Consolidates the submitted ratings; emits `assessment_cycle.closed`. Optional: `reason` (kept in the
    audit trail with the number of assessments not submitted) and `confirmed_unsubmitted`, the number of
    unsubmitted assessments the caller expects: if it is no longer true the close is refused (`409
    confirmation_stale`), and when it is above 0 a `reason` is required.

    Args:
        id (UUID):
        body (CloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssessmentCycle | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: CloseRequest | Unset = UNSET,
) -> AssessmentCycle | Error | None:
    """Close the cycle

     Consolidates the submitted ratings; emits `assessment_cycle.closed`. Optional: `reason` (kept in the
    audit trail with the number of assessments not submitted) and `confirmed_unsubmitted`, the number of
    unsubmitted assessments the caller expects: if it is no longer true the close is refused (`409
    confirmation_stale`), and when it is above 0 a `reason` is required.

    Args:
        id (UUID):
        body (CloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssessmentCycle | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
