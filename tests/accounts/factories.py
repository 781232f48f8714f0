"""Factories of the accounts app's tenant tables (sign-in policy, single sign-on)."""

from __future__ import annotations

import factory

from plms.accounts.models import SignInPolicy, SsoConnection
from plms.common import crypto
from tests.factories import TenantFactory, tenant_factory


@tenant_factory
class SignInPolicyFactory(TenantFactory):
    class Meta:
        model = SignInPolicy

    two_factor = SignInPolicy.TwoFactor.OFF


@tenant_factory
class SsoConnectionFactory(TenantFactory):
    class Meta:
        model = SsoConnection

    issuer = factory.Sequence(lambda n: f"https://idp{n}.example.com")
    client_id = "plms"
    client_secret_encrypted = factory.LazyFunction(lambda: crypto.encrypt("secret"))
    email_domains = factory.LazyFunction(lambda: ["a.example"])
