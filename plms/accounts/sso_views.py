"""Single sign-on pages: finding the organization, the redirect to its identity provider and
back, and the organization's sign-in settings (HR admins)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from plms.accounts import saml, sso
from plms.accounts.models import SignInPolicy, SsoConnection
from plms.accounts.policy import sign_in_policy_set
from plms.accounts.security_forms import SignInPolicyForm, SsoConnectionForm, SsoEmailForm
from plms.accounts.sign_in_audit import sign_in_event
from plms.accounts.sign_in_steps import METHOD_KEY
from plms.common.errors import ApplicationError
from plms.tenancy.actors import actor_from_request
from plms.tenancy.middleware import SESSION_KEY
from plms.tenancy.models import Organization
from plms.web.decorators import member_required

NEXT_KEY = "plms_sso_next"


def _safe_next(request: HttpRequest) -> str:
    wanted = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return ""


def sso_begin(request: HttpRequest) -> HttpResponse:
    """ "Sign in with single sign-on": the work e-mail's domain names the organization."""
    form = SsoEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = sso.organization_for_email(email=form.cleaned_data["email"])
        if organization is not None:
            url = reverse("accounts:sso_start", kwargs={"organization_slug": organization.slug})
            query = "?" + urlencode({"login_hint": form.cleaned_data["email"]})
            if _safe_next(request):
                request.session[NEXT_KEY] = _safe_next(request)
            return redirect(url + query)
        form.add_error(
            "email",
            _(
                "No organization signs in this e-mail domain with single sign-on. "
                "Use your password."
            ),
        )
    return render(request, "accounts/sso_begin.html", {"form": form, "next": _safe_next(request)})


def _connection_or_404(organization_slug: str, *, protocol: str = "") -> SsoConnection:
    organization = Organization.objects.filter(slug=organization_slug).first()
    if organization is None:
        raise Http404
    connection = sso.connection_for_organization(organization=organization)
    if connection is None or (protocol and connection.protocol != protocol):
        raise Http404
    return connection


def sso_start(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """The organization's own sign-in address: straight to its identity provider.

    Also the OpenID Connect "initiate login URI": a provider's app tile (IdP-initiated) lands
    here with `iss`, and the usual authorization code flow starts.
    """
    connection = _connection_or_404(organization_slug)
    if connection.protocol == SsoConnection.Protocol.SAML:
        try:
            return redirect(
                saml.saml_start_url(
                    request=request, connection=connection, relay_state=_safe_next(request)
                )
            )
        except Exception as exc:  # metadata unreachable or unusable
            refused = sso.SsoRefused(
                "Your organization's identity provider cannot be reached. Try again later.",
                code="provider_unreachable",
                detail=f"SAML sign-in could not start ({type(exc).__name__}): {exc}",
            )
            sso.audit_refusal(request, connection.organization, refused)
            return render(
                request, "accounts/sso_refused.html", {"reason": refused.reason}, status=502
            )
    if _safe_next(request):
        request.session[NEXT_KEY] = _safe_next(request)
    redirect_uri = request.build_absolute_uri(
        reverse("accounts:sso_callback", kwargs={"organization_slug": organization_slug})
    )
    try:
        return sso.sso_start(
            request=request,
            connection=connection,
            redirect_uri=redirect_uri,
            login_hint=request.GET.get("login_hint", "")[:254],
        )
    except sso.SsoRefused as exc:
        return render(request, "accounts/sso_refused.html", {"reason": exc.reason}, status=502)


def sso_callback(request: HttpRequest, organization_slug: str) -> HttpResponse:
    connection = _connection_or_404(organization_slug, protocol=SsoConnection.Protocol.OIDC)
    try:
        identity = sso.sso_identity_from_callback(request=request, connection=connection)
    except sso.SsoRefused as exc:
        return render(request, "accounts/sso_refused.html", {"reason": exc.reason}, status=403)
    return _sign_in(request, connection, identity, request.session.pop(NEXT_KEY, ""))


@csrf_exempt  # the identity provider posts the response from its own site
@require_POST
def saml_acs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """SAML assertion consumer service: the identity provider's signed answer."""
    connection = _connection_or_404(organization_slug, protocol=SsoConnection.Protocol.SAML)
    try:
        identity = saml.saml_identity_from_response(request=request, connection=connection)
    except sso.SsoRefused as exc:
        return render(request, "accounts/sso_refused.html", {"reason": exc.reason}, status=403)
    relay = request.POST.get("RelayState", "")
    safe = url_has_allowed_host_and_scheme(relay, {request.get_host()}, request.is_secure())
    return _sign_in(request, connection, identity, relay if safe else "")


def saml_metadata(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """Our SAML service provider metadata, for the identity provider's configuration."""
    connection = _connection_or_404(organization_slug, protocol=SsoConnection.Protocol.SAML)
    return HttpResponse(
        saml.sp_metadata(request=request, connection=connection),
        content_type="application/samlmetadata+xml",
    )


def _sign_in(request, connection, identity, next_url: str) -> HttpResponse:
    try:
        user = sso.sso_sign_in_user(request=request, connection=connection, identity=identity)
    except sso.SsoRefused as exc:
        return render(request, "accounts/sso_refused.html", {"reason": exc.reason}, status=403)
    request.session[METHOD_KEY] = "sso"
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = connection.organization_id
    sign_in_event(
        action="sso.sign_in",
        user=user,
        organizations=[connection.organization],
        request=request,
        changes={"method": "sso", "protocol": connection.protocol, "subject": identity.subject},
    )
    return redirect(next_url or "web:home")


# --- The organization's sign-in settings ------------------------------------------------------


@member_required(admin=True)
def sign_in_settings(request: HttpRequest) -> HttpResponse:
    policy = SignInPolicy.objects.first()
    connection = SsoConnection.objects.first()
    policy_form = SignInPolicyForm(
        initial={"two_factor": policy.two_factor if policy else SignInPolicy.TwoFactor.OFF}
    )
    sso_form = SsoConnectionForm(initial=_connection_initial(connection))
    return _render_settings(request, policy_form, sso_form, connection)


def _connection_initial(connection: SsoConnection | None) -> dict:
    if connection is None:
        return {"enabled": True}
    return {
        "protocol": connection.protocol,
        "saml_idp_metadata": connection.saml_idp_metadata,
        "saml_allow_idp_initiated": connection.saml_allow_idp_initiated,
        "display_name": connection.display_name,
        "issuer": connection.issuer,
        "metadata_url": connection.metadata_url,
        "client_id": connection.client_id,
        "email_domains": ", ".join(connection.email_domains),
        "email_claim": connection.attribute_mapping.get("email", ""),
        "name_claim": connection.attribute_mapping.get("full_name", ""),
        "enabled": connection.enabled,
        "jit_membership": connection.jit_membership,
        "sso_only": connection.sso_only,
    }


def _render_settings(request, policy_form, sso_form, connection, status=200) -> HttpResponse:
    organization = request.organization
    return render(
        request,
        "accounts/sign_in_settings.html",
        {
            "policy_form": policy_form,
            "sso_form": sso_form,
            "connection": connection,
            "sign_in_url": request.build_absolute_uri(
                reverse("accounts:sso_start", kwargs={"organization_slug": organization.slug})
            ),
            "redirect_uri": request.build_absolute_uri(
                reverse("accounts:sso_callback", kwargs={"organization_slug": organization.slug})
            ),
            "saml_entity_id": request.build_absolute_uri(
                reverse("accounts:saml_metadata", kwargs={"organization_slug": organization.slug})
            ),
            "saml_acs": request.build_absolute_uri(
                reverse("accounts:saml_acs", kwargs={"organization_slug": organization.slug})
            ),
        },
        status=status,
    )


@member_required(admin=True)
@require_POST
def sign_in_policy_update(request: HttpRequest) -> HttpResponse:
    form = SignInPolicyForm(request.POST)
    if form.is_valid():
        sign_in_policy_set(
            actor=actor_from_request(request), two_factor=form.cleaned_data["two_factor"]
        )
        messages.success(request, _("The two-factor sign-in rule is saved."))
        return redirect("accounts:sign_in_settings")
    connection = SsoConnection.objects.first()
    return _render_settings(
        request, form, SsoConnectionForm(initial=_connection_initial(connection)), connection, 400
    )


@member_required(admin=True)
@require_POST
def sso_connection_update(request: HttpRequest) -> HttpResponse:
    form = SsoConnectionForm(request.POST)
    connection = SsoConnection.objects.first()
    if form.is_valid():
        data = form.cleaned_data
        try:
            sso.sso_connection_save(
                actor=actor_from_request(request),
                protocol=data["protocol"],
                saml_idp_metadata=data["saml_idp_metadata"],
                saml_allow_idp_initiated=data["saml_allow_idp_initiated"],
                issuer=data["issuer"],
                metadata_url=data["metadata_url"],
                client_id=data["client_id"],
                client_secret=data["client_secret"],
                display_name=data["display_name"],
                email_domains=form.domains(),
                attribute_mapping={"email": data["email_claim"], "full_name": data["name_claim"]},
                enabled=data["enabled"],
                jit_membership=data["jit_membership"],
                sso_only=data["sso_only"],
            )
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Single sign-on is saved."))
            return redirect("accounts:sign_in_settings")
    policy = SignInPolicy.objects.first()
    policy_form = SignInPolicyForm(
        initial={"two_factor": policy.two_factor if policy else SignInPolicy.TwoFactor.OFF}
    )
    return _render_settings(request, policy_form, form, connection, 400)
