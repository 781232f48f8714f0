"""Rate and reward pages: rating calibration (HR), team ratings (managers), my rating and pay,
the pay structure (HR) and one person's pay (whoever `pay_readable` allows; else 404)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessments.selectors import cycles as cycle_selectors
from plms.common.errors import ApplicationError
from plms.common.imports import ImportFailed
from plms.common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from plms.common.uploads import UploadField
from plms.people import selectors as people_selectors
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required
from reward import compensation, distribution, imports, leave, ranking_views, selectors, services
from reward.models import CompensationProposal, CompensationReview

PAGE_SIZE = 50


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(label=gettext_lazy("Rating"), coerce=int)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, levels: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (value, f"{value} {name}") for value, name in sorted(levels.items(), reverse=True)
        ]


class LeaveImportForm(forms.Form):
    leave_file = UploadField(
        label=gettext_lazy("CSV or XLSX file of leave"),
        help_text=gettext_lazy("A header row, then one period of leave per row."),
    )


class PayImportForm(forms.Form):
    file = UploadField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy("A header row, then one person per row."),
    )


def _show_error(request: HttpRequest, error: ApplicationError) -> None:
    details = [message for messages_ in error.fields.values() for message in messages_]
    messages.error(request, " ".join([error.message, *details]) if details else error.message)


def _named(ratings, levels: dict[int, str]) -> list:
    """The ratings with their levels' names, for the page."""
    shown = list(ratings)
    for rating in shown:
        rating.proposed_name = levels.get(rating.proposed_level, "")
        rating.manager_name = levels.get(rating.manager_level, "")
        rating.final_name = levels.get(rating.final_level, "")
    return shown


# --- Rating calibration (HR) -----------------------------------------------------------------


@member_required(admin=True)
def calibration(request: HttpRequest) -> HttpResponse:
    cycles = list(cycle_selectors.closed_cycles())
    cycle = None
    chosen = request.GET.get("cycle") or request.POST.get("cycle")
    if chosen:
        cycle = cycle_selectors.closed_cycle_chosen(raw_id=chosen)
        if cycle is None:
            raise Http404
    elif cycles:
        cycle = cycles[0]
    levels = selectors.level_names()
    settings = selectors.settings_get()
    context: dict = {
        "cycles": cycles,
        "cycle": cycle,
        "levels": levels,
        "settings": settings,
        "formula": selectors.formula_in_words(),
    }
    if cycle is not None:
        organisation, departments = distribution.rating_distribution(
            cycle=cycle, levels=sorted(levels.items()), settings=settings
        )
        ratings = selectors.rating_list_for_viewer(actor=actor_from_request(request), cycle=cycle)
        page = Paginator(ratings, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = _named(page.object_list, levels)
        context.update(
            organisation=organisation,
            departments=departments,
            page=page,
            released=selectors.is_released(cycle=cycle),
            form=LevelForm(levels=levels),
        )
        context.update(ranking_views.ranking_context(request, cycle=cycle))
    return render(request, "reward/calibration.html", context)


@require_POST
@member_required(admin=True)
def calibration_action(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    cycle = cycle_selectors.closed_cycle_chosen(raw_id=request.POST.get("cycle"))
    if cycle is None:
        raise Http404
    back = reverse("reward:calibration") + f"?cycle={cycle.uuid}"
    action = request.POST.get("action")
    try:
        if action == "propose":
            services.rating_scale_ensure(actor=actor)
            count = services.ratings_propose(actor=actor, cycle=cycle)
            messages.success(
                request, _("Ratings proposed for %(count)d people.") % {"count": count}
            )
        elif action == "release":
            services.ratings_release(actor=actor, cycle=cycle)
            messages.success(request, _("Ratings released: each person now sees their own."))
        elif action == "calibrate":
            rating = selectors.rating_get_for_viewer(actor=actor, uuid=request.POST.get("rating"))
            if rating is None or rating.cycle_id != cycle.pk:
                raise Http404
            form = LevelForm(request.POST, levels=selectors.level_names())
            if not form.is_valid():
                messages.error(request, _("Choose a rating and say why."))
                return redirect(back)
            services.rating_calibrate(
                actor=actor,
                rating=rating,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request, _("Rating of %(name)s calibrated.") % {"name": rating.employee.full_name}
            )
    except ApplicationError as error:
        _show_error(request, error)
    return redirect(back)


# --- Team ratings (managers) -----------------------------------------------------------------


@member_required
def team(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.employee is None or not (
        actor.is_admin or people_selectors.manages_people(manager=actor.employee)
    ):
        raise Http404
    ratings = selectors.rating_list_for_viewer(actor=actor).exclude(employee=actor.employee)
    if actor.is_admin:
        ratings = ratings.filter(
            employee_id__in=people_selectors.all_reports(manager=actor.employee).values("pk")
        )
    released = set(selectors.released_cycle_ids())
    page = Paginator(ratings, PAGE_SIZE).get_page(request.GET.get("page"))
    levels = selectors.level_names()
    page.object_list = _named(page.object_list, levels)
    return render(
        request,
        "reward/team.html",
        {"page": page, "levels": levels, "released": released, "form": LevelForm(levels=levels)},
    )


@require_POST
@member_required
def team_confirm(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    rating = selectors.rating_get_for_viewer(actor=actor, uuid=request.POST.get("rating"))
    if rating is None:
        raise Http404
    form = LevelForm(request.POST, levels=selectors.level_names())
    if not form.is_valid():
        messages.error(request, _("Choose a rating."))
        return redirect("reward:team")
    try:
        services.rating_confirm(
            actor=actor,
            rating=rating,
            level=form.cleaned_data["level"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        _show_error(request, error)
    else:
        messages.success(
            request, _("Rating of %(name)s saved.") % {"name": rating.employee.full_name}
        )
    return redirect("reward:team")


# --- My rating and pay -----------------------------------------------------------------------


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    employee = actor.employee
    ratings = []
    pay = None
    if employee is not None:
        ratings = _named(
            selectors.rating_list_for_viewer(actor=actor).filter(
                employee=employee, cycle_id__in=selectors.released_cycle_ids()
            ),
            selectors.level_names(),
        )
        pay = selectors.pay_record_for_viewer(actor=actor, employee=employee)
    return render(
        request,
        "reward/mine.html",
        {"ratings": ratings, "pay": pay, "levels": selectors.level_names()},
    )


# --- Pay (HR) and one person's pay -----------------------------------------------------------


@member_required(admin=True)
def pay(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    leave_upload = request.method == "POST" and "leave_file" in request.FILES
    form = PayImportForm(
        request.POST if not leave_upload else None, request.FILES if not leave_upload else None
    )
    leave_form = LeaveImportForm(
        request.POST if leave_upload else None, request.FILES if leave_upload else None
    )
    errors: list = []
    leave_errors: list = []
    if leave_upload and leave_form.is_valid():
        upload = leave_form.cleaned_data["leave_file"]
        fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        try:
            imported = leave.leave_import(actor=actor, data=upload.read(), fmt=fmt)
        except ImportFailed as exc:
            leave_errors = exc.errors
        else:
            messages.success(
                request, _("%(count)d periods of leave imported.") % {"count": imported.imported}
            )
            return redirect("reward:pay")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        try:
            result = imports.pay_import(actor=actor, data=upload.read(), fmt=fmt)
        except ImportFailed as exc:
            errors = exc.errors
        else:
            messages.success(
                request, _("Pay imported for %(count)d people.") % {"count": result.imported}
            )
            return redirect("reward:pay")
    page = Paginator(selectors.pay_records_readable(actor=actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.pay_records_read(actor=actor, records=page.object_list)
    return render(
        request,
        "reward/pay.html",
        {
            "grades": selectors.pay_grades(),
            "page": page,
            "form": form,
            "errors": errors,
            "columns": imports.COLUMNS,
            "leave_form": leave_form,
            "leave_errors": leave_errors,
            "leave_columns": leave.COLUMNS,
        },
    )


@member_required
def person_pay(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    employee = people_selectors.employee_get(uuid=id)
    if employee is None or not selectors.pay_readable(actor=actor, employee=employee):
        raise Http404
    record = selectors.pay_record_for_viewer(actor=actor, employee=employee)
    return render(request, "reward/person_pay.html", {"person": employee, "pay": record})


# --- Compensation reviews --------------------------------------------------------------------


class ReviewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    effective_date = forms.DateField(
        label=gettext_lazy("New pay effective on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    proposal_deadline = forms.DateField(
        label=gettext_lazy("Managers propose by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    cycle = forms.TypedChoiceField(label=gettext_lazy("Ratings from the cycle"), required=False)
    budget_percent = forms.DecimalField(
        label=gettext_lazy("Budget per department, in % of its payroll"),
        min_value=0,
        max_value=100,
        initial=3,
        decimal_places=2,
    )
    leave_rule = forms.ChoiceField(
        label=gettext_lazy("People on leave on the effective date"),
        choices=CompensationReview.LeaveRule.choices,
        required=False,
    )
    leave_days_over = forms.IntegerField(
        label=gettext_lazy("… or with more days of leave in the period than"),
        min_value=0,
        max_value=366,
        required=False,
        help_text=gettext_lazy(
            "The period is the cycle's, else the year up to the effective date. Leave empty "
            "to look at the effective date only."
        ),
    )
    hard_budget = forms.BooleanField(
        label=gettext_lazy("Managers cannot pass their department's budget"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, cycles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cycles = {str(c.uuid): c for c in cycles}
        self.fields["cycle"].choices = [("", _("No cycle: no guidance from ratings"))] + [
            (str(c.uuid), c.name) for c in cycles
        ]


@member_required
def review_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    reviews = selectors.review_list_for_viewer(actor=actor)
    form = None
    if actor.is_admin:
        cycles = list(cycle_selectors.closed_cycles())
        form = ReviewForm(request.POST or None, cycles=cycles)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                review = compensation.review_open(
                    actor=actor,
                    name=data["name"],
                    effective_date=data["effective_date"],
                    proposal_deadline=data["proposal_deadline"],
                    cycle=form.cycles.get(data["cycle"] or ""),
                    hard_budget=data["hard_budget"],
                    leave_rule=data["leave_rule"] or "",
                    leave_days_over=data["leave_days_over"],
                    budgets=[
                        compensation.BudgetSpec(d, percent_of_payroll=data["budget_percent"])
                        for d in people_selectors.department_list()
                    ],
                    matrix=compensation.default_matrix(),
                )
            except ApplicationError as error:
                _show_error(request, error)
            else:
                messages.success(request, _("Review opened."))
                return redirect("reward:review_detail", id=review.uuid)
    return render(request, "reward/review_list.html", {"reviews": reviews, "form": form})


def _review_or_404(request: HttpRequest, id) -> CompensationReview:
    review = selectors.review_get_for_viewer(actor=actor_from_request(request), uuid=id)
    if review is None:
        raise Http404
    return review


@member_required
def review_detail(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    review = _review_or_404(request, id)
    context: dict = {"review": review, "is_open": review.status == review.Status.OPEN}
    if actor.is_admin:
        context["overview"] = selectors.review_overview(review=review)
        pending = selectors.proposals_for_viewer(actor=actor, review=review).filter(
            status=CompensationProposal.Status.PENDING
        )
        context["pending"] = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    if actor.employee is not None:
        rows = selectors.review_rows_for_manager(review=review, manager=actor.employee)
        selectors.pay_records_read(actor=actor, records=[row["pay"] for row in rows])
        context["rows"] = rows
        context["awaiting"] = list(
            selectors.proposals_for_viewer(actor=actor, review=review).filter(
                awaiting=actor.employee, status=CompensationProposal.Status.PENDING
            )
        )
        departments = {row["employee"].department_id for row in rows}
        context["my_budgets"] = [
            b for b in selectors.review_budgets(review=review) if b.department_id in departments
        ]
    return render(request, "reward/review_detail.html", context)


@require_POST
@member_required
def review_propose(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    review = _review_or_404(request, id)
    employee = people_selectors.employee_get(uuid=request.POST.get("employee"))
    if employee is None:
        raise Http404
    try:
        increase = Decimal(request.POST.get("increase_percent", "").strip() or "x")
        bonus = Decimal(request.POST.get("bonus_amount", "").strip() or "0")
    except InvalidOperation:
        messages.error(request, _("Give the increase as a percentage, e.g. 3.5."))
        return redirect("reward:review_detail", id=review.uuid)
    try:
        compensation.proposal_submit(
            actor=actor,
            review=review,
            employee=employee,
            increase_percent=increase,
            bonus_amount=bonus,
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as error:
        _show_error(request, error)
    else:
        messages.success(request, _("Proposal for %(name)s saved.") % {"name": employee.full_name})
    return redirect("reward:review_detail", id=review.uuid)


@require_POST
@member_required
def proposal_decide(request: HttpRequest, id) -> HttpResponse:
    actor = actor_from_request(request)
    proposal = selectors.proposal_get_for_viewer(actor=actor, uuid=id)
    if proposal is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        compensation.proposal_decide(
            actor=actor, proposal=proposal, approve=approve, reason=request.POST.get("reason", "")
        )
    except ApplicationError as error:
        _show_error(request, error)
    else:
        messages.success(
            request,
            (_("Approved: %(name)s.") if approve else _("Rejected: %(name)s."))
            % {"name": proposal.employee.full_name},
        )
    return redirect("reward:review_detail", id=proposal.review.uuid)


@require_POST
@member_required(admin=True)
def review_finalise(request: HttpRequest, id) -> HttpResponse:
    review = _review_or_404(request, id)
    try:
        count = compensation.review_finalise(actor=actor_from_request(request), review=review)
    except ApplicationError as error:
        _show_error(request, error)
    else:
        messages.success(
            request, _("Review finalised: new pay for %(count)d people.") % {"count": count}
        )
    return redirect("reward:review_detail", id=review.uuid)


@member_required(admin=True)
def review_payroll(request: HttpRequest, id) -> HttpResponse:
    review = _review_or_404(request, id)
    fmt = "xlsx" if request.GET.get("file_format") == "xlsx" else "csv"
    data = compensation.payroll_export(actor=actor_from_request(request), review=review, fmt=fmt)
    response = HttpResponse(
        data, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="payroll.{fmt}"'
    return response
