from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from plms.tenancy.selectors import memberships_for_user


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        """E-mail addresses are stored in lower case; sign-in ignores case."""
        return (self.cleaned_data.get("username") or "").strip().lower()

    error_messages = {
        **AuthenticationForm.error_messages,
        "no_organization": _(
            "This account no longer has access to any organization. Ask your HR admin if you "
            "think this is a mistake."
        ),
    }

    def confirm_login_allowed(self, user) -> None:
        """Sign-in is to an organization: with every membership withdrawn (an identity provider
        deactivated the person), the password alone opens nothing."""
        super().confirm_login_allowed(user)
        if not memberships_for_user(user=user):
            raise forms.ValidationError(
                self.error_messages["no_organization"], code="no_organization"
            )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Repeat password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
