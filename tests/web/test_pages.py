import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plms.people.models import Employee
from tests.conftest import in_org
from tests.factories import EmployeeFactory
from tests.home import home_page


def test_login_page_and_sign_in(client, employee):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'<label for="id_username">E-mail</label>' in page.content
    response = client.post(
        "/accounts/login/", {"username": "employee@a.example", "password": "pass-word-123"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert "Welcome, " in home.content.decode()


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_failed_logins_lock_out_after_five_attempts(client, employee):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "employee@a.example", "password": "wrong"})
    locked = client.post(
        "/accounts/login/", {"username": "employee@a.example", "password": "pass-word-123"}
    )
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content


def test_home_adapts_to_the_role(login_client, hr_admin, manager, employee):
    hr_page = home_page(login_client(hr_admin))
    assert "Your organisation" in hr_page and 'href="/people/"' in hr_page
    manager_page = home_page(login_client(manager))
    assert "Your team" in manager_page and employee.employee.full_name in manager_page
    assert 'href="/people/"' not in manager_page
    employee_page = login_client(employee).get("/").content.decode()
    assert "Your team" not in employee_page and "What is due" in employee_page


def test_people_directory_is_for_hr_admins(login_client, hr_admin, employee):
    assert login_client(employee).get("/people/").status_code == 403
    page = login_client(hr_admin).get("/people/", {"q": "advisor"})
    assert page.status_code == 200
    assert employee.employee.email in page.content.decode()


def test_a_malformed_department_filter_is_ignored(login_client, hr_admin):
    assert login_client(hr_admin).get("/people/", {"department": "nope"}).status_code == 200


def test_people_directory_search_updates_rows_with_htmx(login_client, hr_admin, employee):
    response = login_client(hr_admin).get("/people/", {"q": "zzz"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Nobody matches these filters." in body


def test_people_directory_query_count_is_constant(login_client, hr_admin, org_a):
    client = login_client(hr_admin)
    client.get("/people/")
    with CaptureQueriesContext(connection) as few:
        client.get("/people/")
    for _ in range(20):
        EmployeeFactory(organization=org_a, manager=hr_admin.employee)
    with CaptureQueriesContext(connection) as many:
        client.get("/people/")
    assert len(many) == len(few)


def test_employee_page_is_visible_to_their_managers_not_to_peers(
    login_client, org_a, hr_admin, manager, employee
):
    peer = __import__("tests.factories", fromlist=["member"]).member(
        org_a, email="peer@a.example", manager=manager.employee
    )
    url = f"/people/{employee.employee.uuid}/"
    assert login_client(manager).get(url).status_code == 200
    assert login_client(hr_admin).get(url).status_code == 200  # HR, and the manager's manager
    assert login_client(employee).get(url).status_code == 200
    assert login_client(peer).get(url).status_code == 404


def test_a_person_page_leads_to_their_work_for_everyone_who_may_open_it(
    login_client, hr_admin, manager, employee
):
    """A workflow message about a person opens their page: it leads on to their goals and
    their capability levels, pages each of its readers may open."""
    url = f"/people/{employee.employee.uuid}/"
    for member in (employee, manager, hr_admin):
        client = login_client(member)
        page = client.get(url).content.decode()
        work = page.split('id="their-work-heading"', 1)[1].split("</nav>", 1)[0]
        links = [href for href in work.split('href="')[1:]]
        assert len(links) == 2
        for link in links:
            assert client.get(link.split('"', 1)[0]).status_code == 200
    assert "Your work" in login_client(employee).get(url).content.decode()


def test_another_organizations_person_page_is_404(login_client, outsider, employee):
    assert login_client(outsider).get(f"/people/{employee.employee.uuid}/").status_code == 404


def test_import_page_reports_every_bad_row_and_imports_nothing(login_client, hr_admin, org_a):
    client = login_client(hr_admin)
    bad = SimpleUploadedFile(
        "people.csv", b"email,first_name,manager_email\n,Nobody,\nx@a.example,X,ghost@a.example\n"
    )
    page = client.post("/people/import/", {"file": bad}).content.decode()
    assert "Nothing was imported: 2 problems" in page
    assert "missing email" in page and "unknown manager ghost@a.example" in page
    with in_org(org_a):
        assert not Employee.objects.filter(email="x@a.example").exists()
    good = SimpleUploadedFile(
        "people.csv", b"email,first_name,manager_email\nx@a.example,X,hr@a.example\n"
    )
    response = client.post("/people/import/", {"file": good}, follow=True)
    assert "Imported: 1 new, 0 updated" in response.content.decode()


def test_health_endpoints(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"


@pytest.mark.redis
def test_readyz_is_503_when_redis_is_unreachable(client, db, settings):
    assert client.get("/readyz").json()["checks"]["redis"] == "ok"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "unavailable"


def test_unknown_pages_are_a_friendly_404(client, db, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and b"Page not found" in response.content


def test_organization_switcher(client, org_a, org_b, hr_admin):
    from plms.tenancy.services import membership_set

    membership_set(organization=org_b, user=hr_admin.user, role="member")
    client.force_login(hr_admin.user)
    assert client.get("/api/v1/me").json()["organization"]["slug"] == "org-a"
    response = client.post("/accounts/switch-organization/", {"organization": str(org_b.uuid)})
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["organization"]["slug"] == "org-b"
    foreign = client.post(
        "/accounts/switch-organization/", {"organization": "00000000-0000-0000-0000-000000000000"}
    )
    assert foreign.status_code == 404
