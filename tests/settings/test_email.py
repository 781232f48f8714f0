"""E-mail leaves the building: the production settings read every SMTP setting from the
environment (or one EMAIL_URL) and deliver to a real SMTP server, with credentials."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from plms.settings.env import email_settings
from tests.workflows.realworld import free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s" * 60


class AuthSink:
    """aiosmtpd on a free loopback port that requires AUTH (plain connection, test only)."""

    def __init__(self, *, user: str, password: str) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.messages: list[tuple[str, list[str], object]] = []
        self.logins: list[str] = []
        self.lock = threading.Lock()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            if ok:
                with self.lock:
                    self.logins.append(auth_data.login.decode())
            return AuthResult(success=ok)

        self.port = free_port()
        self.controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticator,
            auth_required=True,
            auth_require_tls=False,  # a loopback test server; production uses TLS
        )

    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=default_policy).parsebytes(envelope.content)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def __enter__(self) -> AuthSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def _send_with_production_settings(tmp_path, **email_env: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "DJANGO_", "PLMS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="plms.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        PLMS_VAR_DIR=str(tmp_path),
        DEFAULT_FROM_EMAIL="PLMS <no-reply@plms.test>",
        **email_env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "sendtestemail", "hr@acme.example"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def test_production_settings_deliver_through_email_url_with_credentials(tmp_path):
    with AuthSink(user="mailer@plms.test", password="p@ss:word/1") as sink:
        result = _send_with_production_settings(
            tmp_path,
            EMAIL_URL=f"smtp://mailer%40plms.test:p%40ss%3Aword%2F1@127.0.0.1:{sink.port}?timeout=5",
        )
        assert result.returncode == 0, result.stderr
    assert sink.logins == ["mailer@plms.test"]
    ((sender, recipients, message),) = sink.messages
    assert sender == "no-reply@plms.test"
    assert recipients == ["hr@acme.example"]
    assert "Test email from" in str(message["Subject"])


def test_production_settings_deliver_through_separate_variables(tmp_path):
    with AuthSink(user="mailer", password="secret") as sink:
        result = _send_with_production_settings(
            tmp_path,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink.port),
            EMAIL_HOST_USER="mailer",
            EMAIL_HOST_PASSWORD="secret",
            EMAIL_TIMEOUT="5",
        )
        assert result.returncode == 0, result.stderr
    assert sink.logins == ["mailer"]
    assert [recipients for _, recipients, _ in sink.messages] == [["hr@acme.example"]]


def test_wrong_credentials_are_an_error_not_a_silent_success(tmp_path):
    with AuthSink(user="mailer", password="secret") as sink:
        result = _send_with_production_settings(
            tmp_path, EMAIL_URL=f"smtp://mailer:wrong@127.0.0.1:{sink.port}?timeout=3"
        )
    assert result.returncode != 0
    assert "smtplib.SMTP" in result.stderr
    assert sink.messages == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://apikey:SG.x%2Fy@smtp.example.com",
            {
                "EMAIL_HOST": "smtp.example.com",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "apikey",
                "EMAIL_HOST_PASSWORD": "SG.x/y",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtps://u:p@mail.example.com?timeout=7",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 7},
        ),
        (
            "smtp://mailpit:1025",
            {"EMAIL_HOST": "mailpit", "EMAIL_PORT": 1025, "EMAIL_HOST_USER": ""},
        ),
        ("console:", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
    ],
)
def test_email_url_forms(monkeypatch, url, expected):
    for name in list(os.environ):
        if name.startswith("EMAIL_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("EMAIL_URL", url)
    values = email_settings("django.core.mail.backends.smtp.EmailBackend")
    assert {key: values[key] for key in expected} == expected


@pytest.mark.parametrize(
    "env",
    [
        {"EMAIL_URL": "ftp://mail.example.com"},
        {"EMAIL_URL": "smtp://"},
        {"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
        {"EMAIL_PORT": "twenty-five"},
    ],
)
def test_bad_email_settings_refuse_to_start(monkeypatch, env):
    for name in list(os.environ):
        if name.startswith("EMAIL_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured):
        email_settings("django.core.mail.backends.smtp.EmailBackend")
