from django.contrib.auth import views as auth_views
from django.urls import path

from plms.accounts import security_views, sso_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("switch-organization/", views.switch_organization, name="switch_organization"),
    # Two-factor sign-in: the step after the password, and its settings.
    path("login/two-factor/", security_views.two_factor_verify, name="two_factor_verify"),
    path("login/two-factor/setup/", security_views.two_factor_enrol, name="two_factor_enrol"),
    path("security/", security_views.security, name="security"),
    path("security/two-factor/", security_views.two_factor_setup, name="two_factor_setup"),
    path(
        "security/two-factor/disable/",
        security_views.two_factor_disable,
        name="two_factor_disable",
    ),
    path(
        "security/recovery-codes/",
        security_views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("security/password/", security_views.PasswordChangeView.as_view(), name="password_change"),
    path("sessions/<uuid:id>/end/", security_views.session_end, name="session_end"),
    path("sessions/end-others/", security_views.sessions_end_others, name="sessions_end_others"),
    # Single sign-on.
    path("sso/", sso_views.sso_begin, name="sso_begin"),
    path("sso/<slug:organization_slug>/", sso_views.sso_start, name="sso_start"),
    path("sso/<slug:organization_slug>/callback/", sso_views.sso_callback, name="sso_callback"),
    path("sso/<slug:organization_slug>/saml/acs/", sso_views.saml_acs, name="saml_acs"),
    path(
        "sso/<slug:organization_slug>/saml/metadata/",
        sso_views.saml_metadata,
        name="saml_metadata",
    ),
    path("organization/sign-in/", sso_views.sign_in_settings, name="sign_in_settings"),
    path(
        "organization/sign-in/two-factor/",
        sso_views.sign_in_policy_update,
        name="sign_in_policy_update",
    ),
    path(
        "organization/sign-in/sso/", sso_views.sso_connection_update, name="sso_connection_update"
    ),
    path(
        "invitations/<slug:organization_slug>/<str:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
]
