from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plms.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from plms.accounts import user_sessions

        user_logged_in.connect(user_sessions.on_signed_in, dispatch_uid="plms.user_session_in")
        user_logged_out.connect(user_sessions.on_signed_out, dispatch_uid="plms.user_session_out")
