"""Two-factor sign-in (the sign-in step and its settings) and a person's sessions."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plms.accounts import sign_in_steps, two_factor
from plms.accounts.security_forms import CodeForm, SetupCodeForm
from plms.accounts.user_sessions import (
    current_session_id,
    describe_device,
    user_session_end,
    user_session_rekey,
    user_sessions_end_others,
    user_sessions_for,
)
from plms.common.errors import ApplicationError

SIGN_IN_METHODS = {
    "password": gettext_lazy("With a password"),
    "password+totp": gettext_lazy("With a password and a code"),
    "password+recovery_code": gettext_lazy("With a password and a recovery code"),
    "sso": gettext_lazy("With single sign-on"),
}


def _qr_svg(device) -> str:
    """The authenticator's set-up link as an SVG QR code (markup, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code to scan with your authenticator app")
    )


def _setup_context(device) -> dict:
    """The QR code and, for typing in by hand, the key in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return {
        "qr_svg": _qr_svg(device),
        "secret": " ".join(text[i : i + 4] for i in range(0, len(text), 4)),
    }


# --- The sign-in step -------------------------------------------------------------------------


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app, or a recovery code."""
    user, pending = sign_in_steps.pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        method = two_factor.second_factor_verify(user=user, token=form.cleaned_data["token"])
        if method is not None:
            if method == "recovery_code":
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)s are left.")
                    % {"left": two_factor.recovery_codes_left(user=user)},
                )
            return redirect(
                sign_in_steps.complete(
                    request=request, user=user, pending=pending, method=f"password+{method}"
                )
            )
        if sign_in_steps.second_factor_failed(request=request, user=user, pending=pending):
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("accounts:login")
        form.add_error("token", _("That code is not right."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """After the password, when two-factor sign-in is required and not set up yet."""
    user, pending = sign_in_steps.pending_user(request)
    if user is None:
        return redirect("accounts:login")
    device = two_factor.totp_setup_pending(user=user) or two_factor.totp_setup_start(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.totp_setup_confirm(
                user=user, token=form.cleaned_data["token"], request=request
            )
        except ApplicationError as exc:
            form.add_error("token", exc.message)
        else:
            next_url = sign_in_steps.complete(
                request=request, user=user, pending=pending, method="password+totp"
            )
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url}
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "during_sign_in": True, **_setup_context(device)},
    )


# --- Settings: security and sessions ---------------------------------------------------------


@login_required
def security(request: HttpRequest) -> HttpResponse:
    sessions = list(user_sessions_for(user=request.user))
    current = current_session_id(request)
    for row in sessions:
        row.device = describe_device(row.user_agent)
        row.method_label = SIGN_IN_METHODS.get(row.method, "")
        row.is_current = str(row.uuid) == current
    return render(
        request,
        "accounts/security.html",
        {
            "two_factor_enabled": two_factor.two_factor_enabled(user=request.user),
            "two_factor_required": two_factor.two_factor_required(user=request.user),
            "recovery_codes_left": two_factor.recovery_codes_left(user=request.user),
            "sessions": sessions,
            "has_password": request.user.has_usable_password(),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if two_factor.two_factor_enabled(user=request.user):
        return redirect("accounts:security")
    device = two_factor.totp_setup_pending(user=request.user)
    if device is None or "again" in request.GET:
        device = two_factor.totp_setup_start(user=request.user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.totp_setup_confirm(
                user=request.user, token=form.cleaned_data["token"], request=request
            )
        except ApplicationError as exc:
            form.add_error("token", exc.message)
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next_url": reverse_lazy("accounts:security")},
            )
    return render(
        request, "accounts/two_factor_setup.html", {"form": form, **_setup_context(device)}
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.two_factor_disable(
            user=request.user, token=request.POST.get("token", ""), request=request
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:security")


@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    try:
        codes = two_factor.recovery_codes_regenerate(user=request.user, request=request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next_url": reverse_lazy("accounts:security")},
    )


@login_required
@require_POST
def session_end(request: HttpRequest, id) -> HttpResponse:
    """End one of the person's own sessions; anyone else's is a 404."""
    row = user_session_end(user=request.user, session_id=id, request=request)
    if row is None:
        raise Http404
    if row.session_key == request.session.session_key:
        return redirect("accounts:login")
    messages.success(request, _("That session has been signed out."))
    return redirect("accounts:security")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = user_sessions_end_others(user=request.user, request=request)
    messages.success(request, _("%(count)s other sessions signed out.") % {"count": ended})
    return redirect("accounts:security")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password signs out every other session of the person."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        user_sessions_end_others(
            user=self.request.user, request=self.request, reason="Password changed."
        )
        kept = self.request.session.session_key
        response = super().form_valid(form)  # gives this session a new key
        user_session_rekey(old_key=kept, new_key=self.request.session.session_key)
        messages.success(
            self.request, _("Your password is changed; your other sessions are signed out.")
        )
        return response
