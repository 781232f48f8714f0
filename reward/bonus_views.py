"""Bonus run pages: HR opens a run (company, department and rating multipliers), sees each
person's bonus with every part, adjusts one with a reason, finalises and downloads the file.
A manager with the compensation permission sees the runs and their reports' lines only; every
line shown of another person is audited as a read of pay (`reward.bonus`)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessments.selectors import cycles as cycle_selectors
from plms.common.errors import ApplicationError, NotFound
from plms.common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from plms.people import selectors as people_selectors
from plms.tenancy.actors import Actor, actor_from_request
from plms.web.decorators import member_required
from reward import bonus, selectors

PAGE_SIZE = 50
MULTIPLIER = {"min_value": 0, "max_value": 10, "decimal_places": 2, "max_digits": 5}


class BonusRunForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Bonus year"), min_value=2000, max_value=2100)
    cycle = forms.TypedChoiceField(
        label=gettext_lazy("Overall ratings from the cycle"), required=False
    )
    company_multiplier = forms.DecimalField(
        label=gettext_lazy("Company multiplier"), initial=Decimal(1), **MULTIPLIER
    )

    def __init__(self, *args, cycles, departments, levels: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.cycles = {str(c.uuid): c for c in cycles}
        self.fields["cycle"].choices = [("", _("No cycle: everyone counts as unrated"))] + [
            (str(c.uuid), c.name) for c in cycles
        ]
        self.departments = {f"department_{d.uuid.hex}": d for d in departments}
        for key, department in self.departments.items():
            self.fields[key] = forms.DecimalField(
                label=_("Multiplier for %(name)s") % {"name": department.name},
                initial=Decimal(1),
                **MULTIPLIER,
            )
        defaults = bonus.DEFAULT_RATING_MULTIPLIERS
        self.levels = {f"rating_{value}": value for value in sorted(levels, reverse=True)}
        for key, value in self.levels.items():
            self.fields[key] = forms.DecimalField(
                label=_("Individual multiplier for %(value)d %(name)s")
                % {"value": value, "name": levels[value]},
                initial=defaults.get(str(value), Decimal(1)),
                **MULTIPLIER,
            )
        self.fields["rating_unrated"] = forms.DecimalField(
            label=gettext_lazy("Individual multiplier without a rating"),
            initial=defaults[bonus.UNRATED],
            **MULTIPLIER,
        )

    def department_fields(self):
        return [self[key] for key in self.departments]

    def rating_fields(self):
        return [self[key] for key in (*self.levels, "rating_unrated")]

    def run_arguments(self) -> dict:
        data = self.cleaned_data
        ratings: dict[int | str, Decimal] = {value: data[key] for key, value in self.levels.items()}
        ratings[bonus.UNRATED] = data["rating_unrated"]
        return {
            "name": data["name"],
            "year": data["year"],
            "cycle": self.cycles.get(data["cycle"] or ""),
            "company_multiplier": data["company_multiplier"],
            "department_multipliers": {d: data[key] for key, d in self.departments.items()},
            "rating_multipliers": ratings,
        }


class AdjustForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Bonus to pay"), min_value=0, max_digits=14, decimal_places=2
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _show_error(request: HttpRequest, error: ApplicationError) -> None:
    details = [message for messages_ in error.fields.values() for message in messages_]
    messages.error(request, " ".join([error.message, *details]) if details else error.message)


def _run_or_404(actor: Actor, id) -> bonus.BonusRun:
    try:
        return bonus.bonus_run_get(actor=actor, uuid=id)
    except NotFound as error:
        raise Http404 from error


@member_required
def bonus_run_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.is_admin and not selectors.has_compensation_grant(employee=actor.employee):
        raise Http404
    runs = bonus.bonus_runs_for_viewer(actor=actor)
    form = None
    if actor.is_admin:
        form = BonusRunForm(
            request.POST or None,
            cycles=list(cycle_selectors.closed_cycles()),
            departments=list(people_selectors.department_list()),
            levels=selectors.level_names(),
        )
        if request.method == "POST" and form.is_valid():
            try:
                run = bonus.bonus_run_open(actor=actor, **form.run_arguments())
            except ApplicationError as error:
                _show_error(request, error)
            else:
                messages.success(
                    request,
                    _("Bonus run opened: %(count)d people.") % {"count": bonus.people_count(run)},
                )
                return redirect("reward:bonus_run_detail", id=run.uuid)
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reward/bonus_run_list.html", {"page": page, "form": form})


@member_required
def bonus_run_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    run = _run_or_404(actor, id)
    lines = bonus.bonus_lines_readable(actor=actor, run=run)
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = bonus.bonus_lines_read(actor=actor, lines=page.object_list)
    levels = selectors.level_names()
    for line in page.object_list:
        line.rating_name = levels.get(line.rating, "") if line.rating is not None else ""
    department_names = {
        str(uuid): name
        for uuid, name in people_selectors.departments()
        .filter(uuid__in=list((run.department_multipliers or {}).keys()))
        .values_list("uuid", "name")
    }
    return render(
        request,
        "reward/bonus_run_detail.html",
        {
            "run": run,
            "is_open": run.status == run.Status.OPEN,
            "page": page,
            "totals": bonus.bonus_run_totals(actor=actor, run=run),
            "departments": [
                (department_names.get(key, _("A department no longer there")), value)
                for key, value in (run.department_multipliers or {}).items()
            ],
            "ratings": [
                (levels.get(int(key), "") if key.isdigit() else "", key, value)
                for key, value in bonus.rating_multipliers(run).items()
            ],
        },
    )


@member_required
def bonus_line(request: HttpRequest, id) -> HttpResponse:
    """One person's bonus with every part in words; HR adjusts it here (POST)."""
    actor = actor_from_request(request)
    try:
        line = bonus.bonus_line_get_for_viewer(actor=actor, uuid=id)
    except NotFound as error:
        raise Http404 from error
    can_adjust = actor.is_admin and line.run.status == line.run.Status.OPEN
    form = AdjustForm(
        request.POST or None,
        initial={"amount": line.amount, "reason": line.adjustment_reason},
    )
    if request.method == "POST":
        if not can_adjust:
            raise Http404
        if form.is_valid():
            try:
                bonus.bonus_adjust(actor=actor, line=line, **form.cleaned_data)
            except ApplicationError as error:
                _show_error(request, error)
            else:
                messages.success(
                    request,
                    _("Bonus of %(name)s adjusted.") % {"name": line.employee.full_name},
                )
                return redirect("reward:bonus_run_detail", id=line.run.uuid)
    bonus.bonus_lines_read(actor=actor, lines=[line])
    levels = selectors.level_names()
    line.rating_name = levels.get(line.rating, "") if line.rating is not None else ""
    return render(
        request,
        "reward/bonus_line.html",
        {
            "line": line,
            "run": line.run,
            "form": form if can_adjust else None,
        },
    )


@require_POST
@member_required(admin=True)
def bonus_run_finalise(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    run = _run_or_404(actor, id)
    try:
        bonus.bonus_run_finalise(actor=actor, run=run)
    except ApplicationError as error:
        _show_error(request, error)
    else:
        messages.success(request, _("Bonus run finalised: the bonuses are ready for payroll."))
    return redirect("reward:bonus_run_detail", id=run.uuid)


@member_required(admin=True)
def bonus_run_export(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    run = _run_or_404(actor, id)
    fmt = "xlsx" if request.GET.get("file_format") == "xlsx" else "csv"
    data = bonus.bonus_export(actor=actor, run=run, fmt=fmt)
    response = HttpResponse(
        data, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="bonus.{fmt}"'
    return response
