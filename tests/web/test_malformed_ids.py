"""Malformed public ids in query strings and forms are ignored or a 404, never a server error."""

import pytest


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/people/", {"department": "not-a-uuid"}),
        ("get", "/assessments/gaps/", {"department": "not-a-uuid"}),
        ("get", "/assessments/team/", {"department": "not-a-uuid"}),
        ("post", "/goals/check-ins/start/", {"report": "not-a-uuid"}),
    ],
)
def test_a_malformed_id_is_never_a_server_error(login_client, hr_admin, method, path, data):
    client = login_client(hr_admin)
    response = getattr(client, method)(path, data)
    assert response.status_code in (200, 302, 400, 404)
