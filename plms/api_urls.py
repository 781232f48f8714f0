"""`/api/v1/`: every resource of the integrator API is registered here."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from assessments import api as assessments_api
from assessments import external_api
from capabilities import api as capabilities_api
from capabilities import catalogue_api, role_api
from goals import api as goals_api
from goals.checkins import api as check_ins_api
from goals.feedback import api as feedback_api
from goals.goal_templates import api as goal_templates_api
from learning import api as learning_api
from learning import impact_api as learning_impact_api
from plms.audit import api as audit_api
from plms.integrations import api as integrations_api
from plms.people.api import DepartmentViewSet
from plms.privacy import api as privacy_api
from plms.tenancy.api import MeView, PingView
from reward import api as reward_api
from reward import bonus_api, compensation_api, equity_api, outlier_api
from surveys import api as surveys_api
from talent import api as talent_api
from workflows import api as workflows_api


class Router(SimpleRouter):
    # Resources are plural and kebab-case without a trailing slash: /api/v1/employees/{id}
    def __init__(self):
        super().__init__(trailing_slash="")


router = Router()
# Employees with their job role (the role lives in capabilities, above people).
router.register("employees", role_api.EmployeeViewSet, basename="employee")
router.register("departments", DepartmentViewSet, basename="department")
catalogue_api.register(router)
capabilities_api.register(router)
role_api.register(router)
assessments_api.register(router)
external_api.register(router)
goals_api.register(router)
goal_templates_api.register(router)
check_ins_api.register(router)
feedback_api.register(router)
learning_api.register(router)
integrations_api.register(router)
workflows_api.register(router)
audit_api.register(router)
privacy_api.register(router)
reward_api.register(router)
surveys_api.register(router)
compensation_api.register(router)
bonus_api.register(router)
outlier_api.register(router)
talent_api.register(router)

urlpatterns = [
    path("me", MeView.as_view(), name="me"),
    path("ping", PingView.as_view(), name="ping"),
    *integrations_api.urlpatterns,
    *assessments_api.urlpatterns,
    *learning_impact_api.urlpatterns,
    *privacy_api.urlpatterns,
    *equity_api.urlpatterns,
    *router.urls,
]
