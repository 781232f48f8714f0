"""Sign in and out, password reset, organization switcher, accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plms.accounts import sign_in_steps, throttles
from plms.accounts.forms import AcceptInvitationForm, LoginForm
from plms.accounts.user_sessions import user_sessions_end_all
from plms.common.errors import ApplicationError
from plms.people import services as people_services
from plms.tenancy.context import organization_scope
from plms.tenancy.middleware import SESSION_KEY
from plms.tenancy.selectors import memberships_for_user, organization_get


class LoginView(auth_views.LoginView):
    """Sign-in; refused from an address that failed too often across accounts."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if throttles.sign_in_blocked(request):
            return render(request, "accounts/throttled.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.is_bound and form.errors:
            throttles.sign_in_failed(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        """The password is right: SSO-only and two-factor sign-in may still say more
        (plms.accounts.sign_in_steps)."""
        user = form.get_user()
        step = sign_in_steps.after_password(
            request=self.request,
            user=user,
            backend=user.backend,
            redirect_to=self.get_success_url(),
        )
        if step is None:
            return super().form_valid(form)
        if step.refused:
            form.add_error(None, step.refused)
            return self.form_invalid(form)
        return redirect(step.url_name)


class PasswordResetView(auth_views.PasswordResetView):
    """Links in the mail come from PLMS_BASE_URL, never from the request's Host header."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        return {"base_url": settings.PLMS_BASE_URL.rstrip("/")}

    def form_valid(self, form):
        client_ok, address_ok = throttles.password_reset_allowed(
            self.request, email=form.cleaned_data["email"]
        )
        if not client_ok:
            return render(self.request, "accounts/throttled.html", status=429)
        if not address_ok:
            # Answer as if sent: whether the address has an account stays unknown.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        """A new password signs the person out everywhere (whoever knew the old one)."""
        response = super().form_valid(form)
        user_sessions_end_all(user=form.user)
        return response


@login_required
@require_POST
def switch_organization(request: HttpRequest) -> HttpResponse:
    """Make another of the user's organizations the active one."""
    wanted = request.POST.get("organization", "")
    for membership in memberships_for_user(user=request.user):
        if str(membership.organization.uuid) == wanted:
            request.session[SESSION_KEY] = membership.organization_id
            messages.success(request, _("You are now working in %s.") % membership.organization)
            return redirect("web:home")
    raise Http404


def accept_invitation(request: HttpRequest, organization_slug: str, token: str) -> HttpResponse:
    organization = organization_get(slug=organization_slug)
    if organization is None:
        raise Http404
    with organization_scope(organization):
        invitation = people_services.invitation_get_open(token=token)
        if invitation is None:
            return render(request, "accounts/invitation_invalid.html", status=404)
        form = AcceptInvitationForm(
            request.POST or None, initial={"full_name": invitation.employee.full_name}
        )
        if request.method == "POST" and form.is_valid():
            try:
                user = people_services.invitation_accept(
                    token=token,
                    password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                request.session[SESSION_KEY] = organization.pk
                messages.success(request, _("Welcome to %s.") % organization.name)
                return redirect("web:home")
        return render(
            request,
            "accounts/accept_invitation.html",
            {"form": form, "invitation": invitation, "invited_organization": organization},
        )
