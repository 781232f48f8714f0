from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from plms.common.metrics import metrics_view
from plms.web import views as web_views

# Swagger UI comes from its CDN; its start-up script is served by the view itself (`?script`),
# so the page needs no inline script.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
api_docs = csp_update(
    {
        "script-src": [SWAGGER_CDN],
        "style-src": [SWAGGER_CDN],
        "style-src-elem": [SWAGGER_CDN],
        "img-src": [SWAGGER_CDN],
    }
)(SpectacularSwaggerSplitView.as_view(url_name="schema"))

urlpatterns = [
    path("", include("dashboards.urls")),
    path("accounts/", include("plms.accounts.urls")),
    path("people/", include("plms.people.urls")),
    path("integrations/", include("plms.integrations.urls")),
    path("audit/", include("plms.audit.urls")),
    path("privacy/", include("plms.privacy.urls")),
    path("scim/v2/", include(("plms.integrations.scim", "scim"), namespace="scim")),
    path("capabilities/", include("capabilities.urls")),
    path("assessments/", include("assessments.urls")),
    path("goals/", include("goals.urls")),
    path("learning/", include("learning.urls")),
    path("talent/", include("talent.urls")),
    path("workflows/", include("workflows.urls")),
    path("reward/", include("reward.urls")),
    path("surveys/", include("surveys.urls")),
    path("notifications/", include("workflows.notification_urls")),
    path("api/v1/", include(("plms.api_urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("healthz", web_views.healthz, name="healthz"),
    path("readyz", web_views.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
]

handler403 = "plms.web.views.permission_denied"
handler404 = "plms.web.views.page_not_found"
handler500 = "plms.web.views.server_error"
