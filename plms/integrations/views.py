"""Integrations pages for HR admins: webhook subscriptions, their deliveries, test events."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from plms.common.errors import ApplicationError
from plms.integrations import selectors
from plms.integrations.models import WebhookSubscription
from plms.integrations.services import subscriptions as subscription_services
from plms.integrations.webhooks import EVENT_DESCRIPTIONS, EVENT_TYPES
from plms.tenancy.actors import actor_from_request
from plms.web.decorators import member_required

PAGE_SIZE = 25


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Endpoint URL"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("An https:// address that accepts POST requests."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        required=False,
        help_text=gettext_lazy('What receives these events, e.g. "HRIS sync".'),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(name, EVENT_DESCRIPTIONS[name]) for name in EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
    )


def _subscription_or_404(id) -> WebhookSubscription:
    subscription = selectors.webhook_subscription_get(uuid=id)
    if subscription is None:
        raise Http404
    return subscription


@member_required(admin=True)
def webhook_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    subscriptions = selectors.webhook_subscription_list(search=search)
    page = Paginator(subscriptions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "integrations/webhook_list.html", {"page": page, "search": search})


@member_required(admin=True)
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = subscription_services.webhook_subscription_create(
                actor=actor_from_request(request), **form.cleaned_data
            )
        except ApplicationError as exc:
            for name, errors in exc.fields.items():
                form.add_error(name if name in form.fields else None, errors)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            # Rendered, not redirected: the secret is never stored anywhere it could be re-read.
            return render(
                request,
                "integrations/webhook_created.html",
                {"subscription": subscription, "secret": secret},
                status=201,
            )
    return render(request, "integrations/webhook_form.html", {"form": form})


@member_required(admin=True)
def webhook_detail(request: HttpRequest, id) -> HttpResponse:
    subscription = _subscription_or_404(id)
    deliveries = selectors.webhook_delivery_list(subscription=subscription)
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"subscription": subscription, "page": page, "descriptions": EVENT_DESCRIPTIONS}
    return render(request, "integrations/webhook_detail.html", context)


@member_required(admin=True)
@require_POST
def webhook_test(request: HttpRequest, id) -> HttpResponse:
    subscription = _subscription_or_404(id)
    try:
        subscription_services.webhook_send_test(
            actor=actor_from_request(request), subscription=subscription
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Test event sent. Its delivery appears below."))
    return redirect("integrations:webhook_detail", id=subscription.uuid)


@member_required(admin=True)
@require_POST
def webhook_toggle(request: HttpRequest, id) -> HttpResponse:
    subscription = _subscription_or_404(id)
    active = request.POST.get("active") == "1"
    subscription_services.webhook_subscription_set_active(
        actor=actor_from_request(request), subscription=subscription, active=active
    )
    messages.success(request, _("Webhook enabled.") if active else _("Webhook disabled."))
    return redirect("integrations:webhook_detail", id=subscription.uuid)


@member_required(admin=True)
@require_http_methods(["GET", "POST"])
def webhook_delete(request: HttpRequest, id) -> HttpResponse:
    """Deleting cannot be undone: a page says what goes with it; only its confirmed form
    deletes (a bare post only shows that page)."""
    subscription = _subscription_or_404(id)
    if request.POST.get("confirm") != "delete":
        context = {
            "subscription": subscription,
            "removed": selectors.webhook_delete_consequences(subscription=subscription),
        }
        return render(request, "integrations/webhook_delete_confirm.html", context)
    subscription_services.webhook_subscription_delete(
        actor=actor_from_request(request), subscription=subscription
    )
    messages.success(request, _("Webhook deleted."))
    return redirect("integrations:webhook_list")
