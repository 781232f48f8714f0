"""The signed-in member's employee record on the request (`request.employee`).

Runs inside `OrganizationMiddleware`, in the organization it resolved, which leaves
`request.employee` None for API keys and for requests without an organization. The same query
says whether they manage people (`manages_people_now`), which the navigation of every page asks.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from plms.people.selectors import employee_for_request


class EmployeeMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(request, "membership", None) is not None:
            request.employee = employee_for_request(user=request.user)
        return self.get_response(request)
