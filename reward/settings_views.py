"""The rating and pay settings page (HR): the overall rating's formula and distribution
guideline, pay visibility and pay equity thresholds, and which managers read and propose
their reports' pay. The managers with the permission are listed a page at a time and another
is chosen with the person search: an organisation's managers are too many to list."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plms.common.errors import ApplicationError
from plms.people import selectors as people_selectors
from plms.people.forms import PersonField, offer_people
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import selectors, services

if TYPE_CHECKING:
    from plms.people.models import Employee

PAGE_SIZE = 50
GRANT_MANAGER_FIELDS = ("id", "uuid", "first_name", "last_name", "title")


class RewardSettingsForm(forms.Form):
    capability_weight = forms.IntegerField(
        label=gettext_lazy("Capability results count (%)"), min_value=0, max_value=100
    )
    goal_weight = forms.IntegerField(
        label=gettext_lazy("Goal achievement counts (%)"), min_value=0, max_value=100
    )
    financial = forms.IntegerField(
        label=gettext_lazy("Financial goals (%)"), min_value=0, max_value=100, required=False
    )
    customer = forms.IntegerField(
        label=gettext_lazy("Customer goals (%)"), min_value=0, max_value=100, required=False
    )
    process = forms.IntegerField(
        label=gettext_lazy("Internal process goals (%)"), min_value=0, max_value=100, required=False
    )
    learning = forms.IntegerField(
        label=gettext_lazy("Learning and growth goals (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy("Leave the four perspectives empty to weigh each goal alone."),
    )
    attainment_cap = forms.IntegerField(
        label=gettext_lazy("A capability counts up to (% of its target)"),
        min_value=100,
        max_value=200,
    )
    distribution = forms.CharField(
        label=gettext_lazy("Distribution guideline, lowest rating first (%)"),
        required=False,
        help_text=gettext_lazy("E.g. 10, 20, 40, 20, 10. Leave empty for no guideline."),
    )
    distribution_tolerance = forms.IntegerField(
        label=gettext_lazy("Tolerance (percentage points)"), min_value=0, max_value=100
    )
    distribution_enforced = forms.BooleanField(
        label=gettext_lazy("Ratings cannot be released while a department is outside it"),
        required=False,
    )
    relative_ranking = forms.BooleanField(
        label=gettext_lazy("Rank people within their department at calibration"),
        required=False,
        help_text=gettext_lazy("Off by default: many organisations prefer not to rank people."),
    )
    employees_see_own_pay = forms.BooleanField(
        label=gettext_lazy("People see their own pay"), required=False
    )
    equity_min_group = forms.IntegerField(
        label=gettext_lazy("Smallest group shown in pay equity"), min_value=2, max_value=100
    )
    equity_gap_threshold = forms.DecimalField(
        label=gettext_lazy("Unexplained gap listed for review from (% of pay, points of increase)"),
        min_value=Decimal("0.1"),
        max_value=50,
        decimal_places=1,
    )


PERSPECTIVE_FIELDS = ("financial", "customer", "process", "learning")


class CompensationGrantForm(forms.Form):
    manager = PersonField(
        label=gettext_lazy("Let this manager read and propose their reports' pay")
    )

    def __init__(self, *args, viewer: Employee | None = None, **kwargs) -> None:
        kwargs.setdefault("auto_id", "grant-%s")  # beside the settings form on its page
        super().__init__(*args, **kwargs)
        chosen = self.data.get(self.add_prefix("manager")) if self.is_bound else None
        offer_people(
            self.fields["manager"], viewer=viewer, chosen=chosen, empty_label=_("Choose a manager")
        )


def _initial(levels: list[int]) -> dict:
    current = selectors.settings_get()
    return {
        "capability_weight": current.capability_weight,
        "goal_weight": current.goal_weight,
        "attainment_cap": current.attainment_cap,
        "distribution": ", ".join(
            str(current.distribution_targets.get(str(value), 0)) for value in levels
        )
        if current.distribution_targets
        else "",
        "distribution_tolerance": current.distribution_tolerance,
        "distribution_enforced": current.distribution_enforced,
        "relative_ranking": current.relative_ranking,
        "employees_see_own_pay": current.employees_see_own_pay,
        "equity_min_group": current.equity_min_group,
        "equity_gap_threshold": current.equity_gap_threshold,
        **{name: (current.perspective_weights or {}).get(name) for name in PERSPECTIVE_FIELDS},
    }


@member_required(admin=True)
def reward_settings(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    levels = sorted(selectors.level_names())
    form = RewardSettingsForm(request.POST or None, initial=_initial(levels))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        targets: dict[str, Decimal] = {}
        if data["distribution"].strip():
            try:
                shares = [Decimal(part.strip()) for part in data["distribution"].split(",")]
            except InvalidOperation:
                shares = []
            if len(shares) != len(levels):
                form.add_error(
                    "distribution",
                    _("Give one share per rating: %(count)d numbers.") % {"count": len(levels)},
                )
            targets = {str(value): share for value, share in zip(levels, shares, strict=False)}
        if form.is_valid():
            try:
                services.reward_settings_update(
                    actor=actor,
                    capability_weight=data["capability_weight"],
                    goal_weight=data["goal_weight"],
                    perspective_weights={
                        name: data[name] for name in PERSPECTIVE_FIELDS if data[name]
                    },
                    attainment_cap=data["attainment_cap"],
                    distribution_targets={k: float(v) for k, v in targets.items()},
                    distribution_tolerance=data["distribution_tolerance"],
                    distribution_enforced=data["distribution_enforced"],
                    relative_ranking=data["relative_ranking"],
                    employees_see_own_pay=data["employees_see_own_pay"],
                    equity_min_group=data["equity_min_group"],
                    equity_gap_threshold=data["equity_gap_threshold"],
                )
            except ApplicationError as error:
                for field, problems in error.fields.items():
                    name = field if field in form.fields else None
                    if field == "perspective_weights":
                        name = "learning"
                    elif field == "distribution_targets":
                        name = "distribution"
                    for problem in problems:
                        form.add_error(name, problem)
            else:
                messages.success(request, _("Settings saved."))
                return redirect("reward:settings")
    grant_form = CompensationGrantForm(viewer=actor.employee)
    return _settings_page(request, form=form, grant_form=grant_form)


def _settings_page(
    request: HttpRequest,
    *,
    form: RewardSettingsForm,
    grant_form: CompensationGrantForm,
    status: int = 200,
) -> HttpResponse:
    managers = selectors.compensation_grant_managers().only(*GRANT_MANAGER_FIELDS)
    return render(
        request,
        "reward/settings.html",
        {
            "form": form,
            "formula": selectors.formula_in_words(),
            "page": Paginator(managers, PAGE_SIZE).get_page(request.GET.get("page")),
            "grant_form": grant_form,
        },
        status=status,
    )


@require_POST
@member_required(admin=True)
def compensation_grant(request: HttpRequest, id) -> HttpResponse:
    manager = people_selectors.employee_get(uuid=id)
    if manager is None:
        raise Http404
    granted = request.POST.get("granted") == "yes"
    try:
        services.compensation_grant_set(
            actor=actor_from_request(request), manager=manager, granted=granted
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("reward:settings")
    messages.success(
        request,
        (
            _("%(name)s may now read and propose their reports' pay.")
            if granted
            else _("%(name)s no longer reads their reports' pay.")
        )
        % {"name": manager.full_name},
    )
    return redirect("reward:settings")


@require_POST
@member_required(admin=True)
def compensation_grant_give(request: HttpRequest) -> HttpResponse:
    """Give the permission to the manager chosen with the person search."""
    actor = actor_from_request(request)
    grant_form = CompensationGrantForm(request.POST, viewer=actor.employee)
    if grant_form.is_valid():
        manager = grant_form.cleaned_data["manager"]
        try:
            services.compensation_grant_set(actor=actor, manager=manager, granted=True)
        except ApplicationError as error:
            for problem in error.fields.get("manager", [error.message]):
                grant_form.add_error("manager", problem)
        else:
            messages.success(
                request,
                _("%(name)s may now read and propose their reports' pay.")
                % {"name": manager.full_name},
            )
            return redirect("reward:settings")
    form = RewardSettingsForm(initial=_initial(sorted(selectors.level_names())))
    return _settings_page(request, form=form, grant_form=grant_form, status=400)
