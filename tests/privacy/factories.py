"""Factories of personal-data rights; related objects stay in the factory's organization."""

from __future__ import annotations

import factory

from plms.privacy.models import PersonalDataExport, RetentionPolicy
from tests.factories import EmployeeFactory, TenantFactory, tenant_factory

SAME_ORG = factory.SelfAttribute("..organization")


@tenant_factory
class RetentionPolicyFactory(TenantFactory):
    class Meta:
        model = RetentionPolicy


@tenant_factory
class PersonalDataExportFactory(TenantFactory):
    class Meta:
        model = PersonalDataExport

    employee = factory.SubFactory(EmployeeFactory, organization=SAME_ORG)
    requested_by_label = "HR"
