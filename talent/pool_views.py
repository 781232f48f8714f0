"""HR's talent pool pages: the pools, and one pool's members and suggested members (HR
confirms or removes them). Confidential: HR only, every visit audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from talent import pool_selectors, pool_services


@member_required(admin=True)
def pools(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    found = list(pool_selectors.pools_for_viewer(actor=actor))
    if found:
        pool_services.pool_read(actor=actor, obj=None, count=len(found))
    return render(request, "talent/pools.html", {"pools": found})


@member_required(admin=True)
def pool_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    pool = pool_selectors.pool_get_for_viewer(actor=actor, uuid=id)
    if pool is None:
        raise Http404
    if request.method == "POST":
        employee = people_selectors.employees().filter(uuid=request.POST.get("employee")).first()
        if employee is None:
            raise Http404
        try:
            if request.POST.get("action") == "remove":
                member = pool.members.filter(employee=employee).first()
                if member is not None:
                    pool_services.pool_member_remove(actor=actor, member=member)
                    messages.success(request, _("%(name)s left the pool.") % {"name": employee})
            else:
                pool_services.pool_member_add(actor=actor, pool=pool, employee=employee)
                messages.success(request, _("%(name)s joined the pool.") % {"name": employee})
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("talent:pool_detail", id=pool.uuid)
    suggestions = pool_selectors.suggested_members(pool=pool)
    pool_services.pool_read(actor=actor, obj=pool)
    return render(request, "talent/pool_detail.html", {"pool": pool, "suggestions": suggestions})
