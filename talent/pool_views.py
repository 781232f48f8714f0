"""Talent pool pages: the pools (HR creates them), one pool's members and suggested members
(HR confirms or removes them), its criteria (HR edits them), its development programme
(shared learning items and a Momentum workflow for its cadence) and who else reads it.

Confidential: HR reads every pool and a person HR granted a pool reads that one (never a pool
they are in); every visit is audited. Only HR changes anything.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from capabilities import selectors as capability_selectors
from learning import selectors as learning_selectors
from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from talent import pool_programme, pool_selectors, pool_services, potential, selectors
from talent.forms import PoolForm, PoolGrantForm, PoolWorkflowForm, ProgrammeItemForm
from workflows import selectors as workflow_selectors


def _box_choices() -> list[tuple[str, str]]:
    return [(f"{p}-{q}", potential.box_name(p, q)) for p, q in potential.BOX_KEYS]


def _pool_form(*args, **kwargs) -> PoolForm:
    return PoolForm(
        *args,
        boxes=_box_choices(),
        roles=selectors.job_roles(),
        capabilities=capability_selectors.capabilities().order_by("name", "id"),
        **kwargs,
    )


def _add_errors(form, error: ApplicationError) -> None:
    """The service's message above the form, and each field's beside the field."""
    form.add_error(None, error.message)
    for field, message in error.fields.items():
        if field in form.fields:
            form.add_error(field, message)


def _workflows():
    return workflow_selectors.workflow_template_list().exclude(status="cancelled")


@member_required
def pools(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not pool_selectors.may_read_pools(actor=actor):
        raise PermissionDenied
    form = None
    if actor.is_admin:
        form = _pool_form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                pool = pool_services.pool_create(actor=actor, **form.cleaned_data)
            except ApplicationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("%(name)s is ready.") % {"name": pool.name})
                return redirect("talent:pool_detail", id=pool.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    found = list(pool_selectors.pools_for_viewer(actor=actor))
    if found:
        pool_services.pool_read(actor=actor, obj=None, count=len(found))
    return render(request, "talent/pools.html", {"pools": found, "form": form})


def _pool_or_404(request: HttpRequest, id):
    pool = pool_selectors.pool_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if pool is None:
        raise Http404
    return pool


@member_required
def pool_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    pool = _pool_or_404(request, id)
    if request.method == "POST":
        if not actor.is_admin:
            raise PermissionDenied
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
    context: dict = {"pool": pool, "box_names": dict(_box_choices()), "admin": actor.is_admin}
    if actor.is_admin:
        context.update(
            suggestions=pool_selectors.suggested_members(pool=pool),
            readers=pool_selectors.pool_readers(pool=pool),
            item_form=ProgrammeItemForm(items=learning_selectors.item_list()),
            workflow_form=PoolWorkflowForm(
                workflows=_workflows(), initial={"workflow": pool.workflow}
            ),
            grant_form=PoolGrantForm(viewer=actor.employee),
            programme_title=pool_programme.programme_title(pool),
        )
    pool_services.pool_read(actor=actor, obj=pool)
    return render(request, "talent/pool_detail.html", context)


@member_required(admin=True)
def pool_edit(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    pool = _pool_or_404(request, id)
    initial = {
        "name": pool.name,
        "description": pool.description,
        "boxes": pool.boxes,
        "aspired_role": pool.aspired_role,
        "capability": pool.capability,
        "minimum_level": pool.minimum_level,
        "programme_name": pool.programme_name,
    }
    form = _pool_form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pool_services.pool_update(actor=actor, pool=pool, **form.cleaned_data)
        except ApplicationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Pool saved."))
            return redirect("talent:pool_detail", id=pool.uuid)
    return render(request, "talent/pool_edit.html", {"pool": pool, "form": form})


@member_required(admin=True)
@require_POST
def pool_programme_change(request: HttpRequest, id) -> HttpResponse:
    """Add or take out a programme item, or set the programme's workflow."""
    actor = actor_from_request(request)
    pool = _pool_or_404(request, id)
    action = request.POST.get("action", "")
    try:
        if action == "workflow":
            form = PoolWorkflowForm(request.POST, workflows=_workflows())
            if not form.is_valid():
                raise Http404
            workflow = form.cleaned_data["workflow"]
            if workflow is None:
                pool_programme.workflow_detach(actor=actor, pool=pool)
                messages.success(request, _("The programme has no workflow now."))
            else:
                pool_programme.workflow_attach(actor=actor, pool=pool, workflow=workflow)
                messages.success(
                    request,
                    _("%(workflow)s now runs for the pool's members.")
                    % {"workflow": workflow.name},
                )
        else:
            item = learning_selectors.item_get(uuid=request.POST.get("item") or None)
            if item is None:
                raise Http404
            if action == "remove":
                pool_programme.programme_item_remove(actor=actor, pool=pool, item=item)
                messages.success(request, _("%(item)s left the programme.") % {"item": item.title})
            else:
                pool_programme.programme_items_add(actor=actor, pool=pool, items=[item])
                messages.success(
                    request,
                    _("%(item)s is in the programme: every member has it in their plan.")
                    % {"item": item.title},
                )
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("talent:pool_detail", id=pool.uuid)


@member_required(admin=True)
@require_POST
def pool_readers_change(request: HttpRequest, id) -> HttpResponse:
    """Grant a person this pool, or take the grant back."""
    actor = actor_from_request(request)
    pool = _pool_or_404(request, id)
    form = PoolGrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person."))
        return redirect("talent:pool_detail", id=pool.uuid)
    employee = form.cleaned_data["employee"]
    try:
        if request.POST.get("action") == "revoke":
            pool_services.pool_revoke(actor=actor, pool=pool, employee=employee)
            messages.success(
                request, _("%(name)s no longer reads this pool.") % {"name": employee.full_name}
            )
        else:
            pool_services.pool_grant(actor=actor, pool=pool, employee=employee)
            messages.success(
                request, _("%(name)s may now read this pool.") % {"name": employee.full_name}
            )
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("talent:pool_detail", id=pool.uuid)
