from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.equity_report import EquityReport
from ...models.error import Error
from ...models.pay_equity_retrieve_within import PayEquityRetrieveWithin
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    attribute: str,
    grade: str | Unset = UNSET,
    job_role: str | Unset = UNSET,
    review: str | Unset = UNSET,
    within: PayEquityRetrieveWithin | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["attribute"] = attribute

    params["grade"] = grade

    params["job_role"] = job_role

    params["review"] = review

    json_within: str | Unset = UNSET
    if not isinstance(within, Unset):
        json_within = within.value

    params["within"] = json_within

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/pay-equity",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EquityReport | Error | None:
    if response.status_code == 200:
        response_200 = EquityReport.from_dict(response.json())

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
) -> Response[EquityReport | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    attribute: str,
    grade: str | Unset = UNSET,
    job_role: str | Unset = UNSET,
    review: str | Unset = UNSET,
    within: PayEquityRetrieveWithin | Unset = UNSET,
) -> Response[EquityReport | Error]:
    """Pay equity report

     Pay (or, with `review`, the review's increases) compared across an imported attribute within each
    grade, job role or both (`within`), with counts, medians and gaps; groups smaller than the
    organisation's minimum, and groups whose figures would give them away, are suppressed in every
    combination of filters. `unexplained_gaps`: what is left after grade, overall rating and (increases)
    position in range, flagged `for_review` at the organisation's threshold. HR admins and keys; each
    read is audited. Scope `compensation:read`.

    Args:
        attribute (str):
        grade (str | Unset):
        job_role (str | Unset):
        review (str | Unset):
        within (PayEquityRetrieveWithin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EquityReport | Error]
    """

    kwargs = _get_kwargs(
        attribute=attribute,
        grade=grade,
        job_role=job_role,
        review=review,
        within=within,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    attribute: str,
    grade: str | Unset = UNSET,
    job_role: str | Unset = UNSET,
    review: str | Unset = UNSET,
    within: PayEquityRetrieveWithin | Unset = UNSET,
) -> EquityReport | Error | None:
    """Pay equity report

     Pay (or, with `review`, the review's increases) compared across an imported attribute within each
    grade, job role or both (`within`), with counts, medians and gaps; groups smaller than the
    organisation's minimum, and groups whose figures would give them away, are suppressed in every
    combination of filters. `unexplained_gaps`: what is left after grade, overall rating and (increases)
    position in range, flagged `for_review` at the organisation's threshold. HR admins and keys; each
    read is audited. Scope `compensation:read`.

    Args:
        attribute (str):
        grade (str | Unset):
        job_role (str | Unset):
        review (str | Unset):
        within (PayEquityRetrieveWithin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EquityReport | Error
    """

    return sync_detailed(
        client=client,
        attribute=attribute,
        grade=grade,
        job_role=job_role,
        review=review,
        within=within,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    attribute: str,
    grade: str | Unset = UNSET,
    job_role: str | Unset = UNSET,
    review: str | Unset = UNSET,
    within: PayEquityRetrieveWithin | Unset = UNSET,
) -> Response[EquityReport | Error]:
    """Pay equity report

     Pay (or, with `review`, the review's increases) compared across an imported attribute within each
    grade, job role or both (`within`), with counts, medians and gaps; groups smaller than the
    organisation's minimum, and groups whose figures would give them away, are suppressed in every
    combination of filters. `unexplained_gaps`: what is left after grade, overall rating and (increases)
    position in range, flagged `for_review` at the organisation's threshold. HR admins and keys; each
    read is audited. Scope `compensation:read`.

    Args:
        attribute (str):
        grade (str | Unset):
        job_role (str | Unset):
        review (str | Unset):
        within (PayEquityRetrieveWithin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EquityReport | Error]
    """

    kwargs = _get_kwargs(
        attribute=attribute,
        grade=grade,
        job_role=job_role,
        review=review,
        within=within,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    attribute: str,
    grade: str | Unset = UNSET,
    job_role: str | Unset = UNSET,
    review: str | Unset = UNSET,
    within: PayEquityRetrieveWithin | Unset = UNSET,
) -> EquityReport | Error | None:
    """Pay equity report

     Pay (or, with `review`, the review's increases) compared across an imported attribute within each
    grade, job role or both (`within`), with counts, medians and gaps; groups smaller than the
    organisation's minimum, and groups whose figures would give them away, are suppressed in every
    combination of filters. `unexplained_gaps`: what is left after grade, overall rating and (increases)
    position in range, flagged `for_review` at the organisation's threshold. HR admins and keys; each
    read is audited. Scope `compensation:read`.

    Args:
        attribute (str):
        grade (str | Unset):
        job_role (str | Unset):
        review (str | Unset):
        within (PayEquityRetrieveWithin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EquityReport | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            attribute=attribute,
            grade=grade,
            job_role=job_role,
            review=review,
            within=within,
        )
    ).parsed
