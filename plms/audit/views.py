"""HR's view of the audit log: filter it, and export what the filters show (itself audited)."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from plms.audit import actions, selectors
from plms.audit.forms import AuditFilterForm
from plms.audit.services import audit_record
from plms.common.spreadsheets import CSV_CONTENT_TYPE, csv_writer
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 50
EXPORT_COLUMNS = (
    "time",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object",
    "ip_address",
    "user_agent",
    "reason",
    "changes",
)


@member_required(admin=True)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = selectors.audit_event_list(filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@member_required(admin=True)
def event_export(request: HttpRequest) -> HttpResponse:
    """The filtered log as CSV. Exporting the log is itself an event of the log."""
    form = AuditFilterForm(request.GET or None)
    events = selectors.audit_event_list(filters=form.filters())
    audit_record(
        actor=actor_from_request(request),
        action=actions.DATA_EXPORTED,
        object_label="Audit log (CSV)",
        changes={"filters": {k: v for k, v in request.GET.items() if k != "format" and v}},
        request=request,
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    writer = csv_writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for event in events.iterator(chunk_size=2000):
        writer.writerow(
            [
                event.created_at.isoformat(),
                event.actor_label,
                event.action,
                event.object_type,
                str(event.object_uuid or ""),
                event.object_repr,
                event.ip_address or "",
                event.user_agent,
                event.reason,
                json.dumps(event.changes, ensure_ascii=False) if event.changes else "",
            ]
        )
    return response
