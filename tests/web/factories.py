from __future__ import annotations

import datetime

import factory

from plms.web.models import MemberActivity
from tests.factories import TenantFactory, UserFactory, tenant_factory


@tenant_factory
class MemberActivityFactory(TenantFactory):
    class Meta:
        model = MemberActivity

    user = factory.SubFactory(UserFactory)
    day = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    dashboard_views = 1
