"""Forms of two-factor sign-in, the organization's sign-in policy and its single sign-on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plms.accounts.models import SignInPolicy, SsoConnection


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class SetupCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class SsoEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class SignInPolicyForm(forms.Form):
    two_factor = forms.ChoiceField(
        label=_("Two-factor sign-in"), choices=SignInPolicy.TwoFactor.choices
    )


class SsoConnectionForm(forms.Form):
    protocol = forms.ChoiceField(
        label=_("Protocol"), choices=SsoConnection.Protocol.choices, initial="oidc"
    )
    display_name = forms.CharField(
        label=_("Name shown to people"),
        max_length=100,
        required=False,
        help_text=_("For example “Okta” or “Microsoft”."),
    )
    issuer = forms.URLField(
        assume_scheme="https",
        label=_("Issuer URL (OpenID Connect)"),
        max_length=500,
        required=False,
        help_text=_("The provider's issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0"),
    )
    metadata_url = forms.URLField(
        assume_scheme="https",
        label=_("Metadata URL"),
        max_length=500,
        required=False,
        help_text=_(
            "Only if the discovery document is not at <issuer>/.well-known/openid-configuration."
        ),
    )
    client_id = forms.CharField(
        label=_("Client ID (OpenID Connect)"), max_length=255, required=False
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Leave empty to keep the stored secret."),
    )
    saml_idp_metadata = forms.CharField(
        label=_("Identity provider metadata (SAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paste the provider's metadata XML, or give its address as the metadata URL."),
    )
    saml_allow_idp_initiated = forms.BooleanField(
        label=_("Accept sign-in started at the identity provider (SAML)"),
        required=False,
        help_text=_("A tile in the provider's portal; off, every answer must follow a request."),
    )
    email_domains = forms.CharField(
        label=_("Allowed e-mail domains"),
        help_text=_("Separated by commas, e.g. example.com, example.co.uk"),
    )
    email_claim = forms.CharField(label=_("Claim with the e-mail address"), required=False)
    name_claim = forms.CharField(label=_("Claim with the name"), required=False)
    enabled = forms.BooleanField(label=_("Single sign-on is on"), required=False)
    jit_membership = forms.BooleanField(
        label=_("New people join at their first sign-in"),
        required=False,
        help_text=_("Linked to their employee record when HR, SCIM or the HRIS created one."),
    )
    sso_only = forms.BooleanField(
        label=_("Single sign-on only"),
        required=False,
        help_text=_(
            "Password sign-in is switched off for members. HR admins keep it, with two-factor "
            "sign-in, to get back in if the identity provider fails."
        ),
    )

    def domains(self) -> list[str]:
        return [d for d in self.cleaned_data["email_domains"].replace(";", ",").split(",") if d]
