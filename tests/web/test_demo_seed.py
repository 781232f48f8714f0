import pytest
from django.core.management import call_command
from django.test import Client

from goals.models import CheckInSeries, GoalRedEpisode
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.models import Membership, Organization
from plms.web.models import MemberActivity
from tests.conftest import in_org
from tests.home import home_page


def counts():
    acme = Organization.objects.get(slug="acme")
    with in_org(acme):
        return (
            Employee.objects.count(),
            Department.objects.count(),
            SecondaryManager.objects.count(),
            Membership.objects.filter(organization=acme).count(),
            MemberActivity.objects.count(),
            GoalRedEpisode.objects.count(),
        )


def _home(email: str) -> str:
    client = Client()
    signed_in = client.post("/accounts/login/", {"username": email, "password": "plms-demo"})
    assert signed_in.status_code == 302
    return home_page(client)


def test_seed_runs_twice_without_duplicates_and_its_users_sign_in(db):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first[:3] == (12, 3, 1)
    for email, role_text in [
        ("hr@acme.example", "HR admin"),
        ("manager@acme.example", "Your team"),
        ("employee@acme.example", "What is due"),
    ]:
        assert role_text in _home(email)


def test_every_dashboard_shows_something_on_first_sign_in(db):
    call_command("seed_demo")

    employee = _home("employee@acme.example")
    assert "Your self-assessment" in employee and "Check-in with Marcus Bell" in employee
    assert 'class="radar"' in employee and "The same figures as a table" in employee
    assert "1 of 2 items done" in employee or "items done" in employee
    assert "Raise my first-contact resolution to 72 %" in employee
    assert "You rewrote the refund article" in employee
    assert "Nothing is due right now" not in employee

    manager = _home("manager@acme.example")
    team = manager.split("Who needs what")[1]
    for name in ("Emma Clarke", "Liam Okafor", "Noah Fischer", "Priya Shah"):
        assert name in team
    assert "Rate Emma" in team and "Self-assessment done: your rating is due" in team
    assert "1 at risk (1 off track)" in team
    assert "Team capability heatmap" in manager and "below target" in manager
    assert "Reduce average handling time to 6 minutes" in manager

    hr = _home("hr@acme.example")
    organisation = hr.split('id="org-heading"')[-1]
    assert "Customer Operations" in organisation and "heat-" in organisation
    assert "Q1 2027 competency review" in organisation  # the completion funnel
    assert "Goals by perspective" in organisation and "Financial" in organisation
    assert "first action after 3 days" in organisation  # decision latency
    assert "(progress recorded)" in organisation
    assert "Plan items done" in organisation
    adoption = organisation.split('id="adoption-heading"')[1].split("</table>")[0]
    weekly_active = [
        int(row.split('<td class="num">')[1].split("<")[0]) for row in adoption.split("<tr>")[2:]
    ]
    assert len(weekly_active) == 8 and all(weekly_active[1:]) and weekly_active[1] >= 10
    for empty in (
        "No assessment cycle has closed yet",
        "No active goals yet",
        "No goal has turned red",
    ):
        assert empty not in organisation


def test_seed_is_refused_in_production(db, settings):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    settings.PLMS_ALLOW_DEMO_SEED = False
    with pytest.raises(ImproperlyConfigured):
        call_command("seed_demo")


def test_the_apps_parts_run_in_app_order_whichever_was_imported_first(db, monkeypatch):
    from django.utils.module_loading import autodiscover_modules

    from plms.web import demo

    autodiscover_modules("demo")
    # As if a test had imported the Momentum part first: it would schedule the weekly
    # check-ins before the goals' part starts the same people's recurring check-ins.
    monkeypatch.setattr(demo, "DEMO_STEPS", list(reversed(demo.DEMO_STEPS)))
    call_command("seed_demo")
    with in_org(Organization.objects.get(slug="acme")):
        assert CheckInSeries.objects.filter(manager__email="manager@acme.example").exists()


@pytest.mark.django_db(transaction=True)  # the e-mails leave when the seed commits
def test_the_seed_says_whom_to_sign_in_as_and_keeps_its_e_mails_out_of_the_console(
    capsys, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.VAR_DIR = tmp_path
    settings.PLMS_BASE_URL = "http://127.0.0.1:8123"
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "ready: sign in at http://127.0.0.1:8123/ as" in printed
    for email in ("hr@acme.example", "manager@acme.example", "employee@acme.example"):
        assert email in printed
    assert "Subject:" not in printed
    assert len(printed.splitlines()) < 12
    sent = list((tmp_path / "outbox").iterdir())
    assert sent, "the demo's e-mails are kept in the outbox"
    assert "http://127.0.0.1:8123/" in "".join(path.read_text() for path in sent)
