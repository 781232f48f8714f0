"""Goal services: creation and activation, change control, versions, alignment, templates,
progress and decision latency."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from goals import selectors, services
from goals.checkins import services as checkin_services
from goals.goal_templates import services as template_services
from goals.models import Goal, GoalChangeRequest, GoalRedEpisode
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError
from plms.tenancy.actors import system_actor
from tests.factories import DepartmentFactory, EmployeeFactory
from tests.goals.conftest import actor_for
from tests.goals.factories import GoalAlignmentFactory, GoalFactory, GoalTemplateFactory

pytestmark = pytest.mark.usefixtures("in_a")

SMART = {
    "unit": "%",
    "baseline": D(60),
    "target": D(70),
    "start_date": date(2027, 1, 1),
    "due_date": date(2027, 3, 31),
}


def _draft(cast, **fields):
    return services.goal_create(
        actor=actor_for(cast.owner),
        title="Raise first-contact resolution to 70 %",
        **{**SMART, **fields},
    )


# --- Create and activate ---------------------------------------------------------------------


def test_a_draft_may_fail_the_check_but_cannot_be_activated(cast):
    goal = _draft(cast)  # no parent: not relevant
    assert goal.status == "draft" and goal.owner_employee == cast.owner.employee
    with pytest.raises(ApplicationError) as caught:
        services.goal_transition(actor=actor_for(cast.owner), goal=goal, status="active")
    assert caught.value.code == "smart_check_failed"
    assert "smart.relevant" in caught.value.fields
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_a_passing_goal_is_activated_by_its_owner(cast, goal):
    draft = _draft(cast, parents=[goal])
    goal = services.goal_transition(actor=actor_for(cast.owner), goal=draft, status="active")
    assert goal.status == "active" and goal.version == 2


def test_the_owner_cannot_override_the_check_but_the_manager_can(cast):
    goal = _draft(cast)
    with pytest.raises(ApplicationError) as caught:
        services.goal_transition(
            actor=actor_for(cast.owner), goal=goal, status="active", override_reason="Trust me"
        )
    assert caught.value.code == "permission_denied"
    with pytest.raises(ApplicationError) as caught:
        services.goal_transition(actor=actor_for(cast.manager), goal=goal, status="active")
    assert caught.value.code == "smart_check_failed"
    goal = services.goal_transition(
        actor=actor_for(cast.manager), goal=goal, status="active", override_reason="Pilot team"
    )
    assert goal.status == "active"
    assert goal.activation_override_reason == "Pilot team"
    assert goal.activation_override_by == cast.manager.user
    assert (
        selectors.goal_decision_log(goal=goal)
        .filter(action="goal.activation_overridden", reason="Pilot team")
        .exists()
    )


def test_a_stretch_target_needs_the_managers_approval(cast, goal):
    draft = _draft(cast, parents=[goal], baseline=D(10), target=D(40))
    assert not selectors.goal_smart_check(draft).passed
    with pytest.raises(ApplicationError):
        services.goal_stretch_approve(actor=actor_for(cast.owner), goal=draft)
    services.goal_stretch_approve(actor=actor_for(cast.matrix), goal=draft)
    draft.refresh_from_db()
    assert selectors.goal_smart_check(draft).passed


def test_goals_for_others_are_set_by_their_managers_only(cast):
    with pytest.raises(ApplicationError) as caught:
        services.goal_create(
            actor=actor_for(cast.peer), title="x y z", owner_employee=cast.owner.employee
        )
    assert caught.value.code == "permission_denied"
    goal = services.goal_create(
        actor=actor_for(cast.manager), title="Cut backlog to 10", owner_employee=cast.owner.employee
    )
    assert goal.owner_employee == cast.owner.employee
    with pytest.raises(ApplicationError):
        services.goal_create(actor=actor_for(cast.manager), title="Org", owner_type="organization")


def test_an_owner_from_another_organization_is_not_found(cast, org_b):
    stranger = EmployeeFactory(organization=org_b)
    with pytest.raises(ApplicationError) as caught:
        services.goal_create(actor=actor_for(cast.hr), title="x", owner_employee=stranger)
    assert caught.value.code == "not_found"


# --- Change control --------------------------------------------------------------------------


def test_changing_an_active_goals_commitment_needs_justification_and_approval(cast, goal):
    owner = actor_for(cast.owner)
    with pytest.raises(ApplicationError) as caught:
        services.goal_update(actor=owner, goal=goal, version=goal.version, target=D(55))
    assert caught.value.code == "justification_required"

    goal = services.goal_update(
        actor=owner,
        goal=goal,
        version=goal.version,
        target=D(55),
        due_date=date(2027, 4, 30),
        description="Now with the new queue.",
        justification="The queue was merged with billing.",
    )
    goal.refresh_from_db()
    # The free field applies at once, the commitment waits.
    assert goal.description == "Now with the new queue."
    assert goal.target == D(60) and goal.due_date == date(2027, 3, 31)
    pending = selectors.goal_pending_change(goal=goal)
    assert pending.changes == {
        "due_date": {"before": "2027-03-31", "after": "2027-04-30"},
        "target": {"before": "60.0000", "after": "55"},
    }
    # A second request while one is pending is refused.
    with pytest.raises(ApplicationError) as caught:
        services.goal_update(
            actor=owner, goal=goal, version=goal.version, weight=D(2), justification="More"
        )
    assert caught.value.code == "change_pending"

    # The one who asked does not decide; a peer may not; the manager does.
    with pytest.raises(ApplicationError):
        services.goal_change_request_decide(actor=owner, change_request=pending, approve=True)
    with pytest.raises(ApplicationError):
        services.goal_change_request_decide(
            actor=actor_for(cast.peer), change_request=pending, approve=True
        )
    version = goal.version
    services.goal_change_request_decide(
        actor=actor_for(cast.manager), change_request=pending, approve=True, note="Agreed"
    )
    goal.refresh_from_db()
    assert goal.target == D(55) and goal.due_date == date(2027, 4, 30)
    assert goal.version == version + 1
    assert selectors.goal_pending_change(goal=goal) is None

    history = list(selectors.goal_history(goal=goal).values_list("action", flat=True))
    assert history == ["goal.change_approved", "goal.change_requested", "goal.updated"]
    approved = selectors.goal_history(goal=goal).first()
    assert approved.changes["target"] == {"before": "60.0000", "after": "55"}
    assert approved.reason == "Agreed"
    updated = selectors.goal_history(goal=goal).last()
    assert updated.changes == {"description": {"before": "", "after": "Now with the new queue."}}
    decisions = list(selectors.goal_decision_log(goal=goal).values_list("action", flat=True))
    assert decisions == ["goal.change_approved", "goal.change_requested"]


def test_a_rejected_change_leaves_the_goal_as_it_was(cast, goal):
    services.goal_update(
        actor=actor_for(cast.owner), goal=goal, version=1, weight=D(3), justification="Bigger"
    )
    pending = selectors.goal_pending_change(goal=goal)
    services.goal_change_request_decide(
        actor=actor_for(cast.hr), change_request=pending, approve=False, note="Not now"
    )
    goal.refresh_from_db()
    assert goal.weight == D(1) and goal.version == 1
    pending.refresh_from_db()
    assert pending.status == "rejected" and pending.decided_by == cast.hr.user
    with pytest.raises(ApplicationError) as caught:
        services.goal_change_request_decide(
            actor=actor_for(cast.hr), change_request=pending, approve=True
        )
    assert caught.value.code == "already_decided"


def test_a_draft_changes_freely(cast):
    goal = _draft(cast)
    goal = services.goal_update(actor=actor_for(cast.owner), goal=goal, version=1, target=D(65))
    assert goal.target == D(65) and goal.version == 2
    assert not GoalChangeRequest.objects.filter(goal=goal).exists()


def test_a_stale_version_is_a_conflict_with_the_current_state(cast, goal):
    services.goal_update(
        actor=actor_for(cast.owner), goal=goal, version=1, title="Raise FCR to 60 %"
    )
    with pytest.raises(ApplicationError) as caught:
        services.goal_update(actor=actor_for(cast.manager), goal=goal, version=1, title="Other")
    error = caught.value
    assert (error.code, error.status) == ("conflict", 409)
    assert error.extra["current"]["version"] == 2
    assert error.extra["current"]["title"] == "Raise FCR to 60 %"


def test_nothing_changed_keeps_the_version(cast, goal):
    goal = services.goal_update(actor=actor_for(cast.owner), goal=goal, version=1, title=goal.title)
    assert goal.version == 1


# --- Alignment -------------------------------------------------------------------------------


def test_alignment_across_people_and_teams_with_many_parents(org_a, cast, goal):
    team = GoalFactory(
        organization=org_a,
        owner_type="department",
        owner_employee=None,
        owner_department=DepartmentFactory(organization=org_a),
        level="tactical",
    )
    peer_goal = GoalFactory(organization=org_a, owner_employee=cast.peer.employee)
    goal = services.goal_update(
        actor=actor_for(cast.hr), goal=goal, version=1, parents=[team, peer_goal]
    )
    assert set(goal.parents.all()) == {team, peer_goal}


def test_alignment_cycles_are_refused(org_a, cast):
    top = GoalFactory(organization=org_a, owner_employee=cast.owner.employee)
    middle = GoalFactory(organization=org_a, owner_employee=cast.owner.employee)
    bottom = GoalFactory(organization=org_a, owner_employee=cast.owner.employee)
    GoalAlignmentFactory(organization=org_a, child=middle, parent=top)
    GoalAlignmentFactory(organization=org_a, child=bottom, parent=middle)
    hr = actor_for(cast.hr)
    for parent in (bottom, middle, top):
        with pytest.raises(ApplicationError) as caught:
            services.goal_update(actor=hr, goal=top, version=top.version, parents=[parent])
        assert caught.value.code == "alignment_cycle"


# --- Templates -------------------------------------------------------------------------------


def test_a_template_gives_each_member_of_a_department_a_goal_once(org_a, cast, goal):
    department = DepartmentFactory(organization=org_a)
    people = [EmployeeFactory(organization=org_a, department=department) for _ in range(3)]
    EmployeeFactory(organization=org_a, department=department, active=False)
    template = GoalTemplateFactory(organization=org_a, parent=goal)
    hr = actor_for(cast.hr)
    applied = template_services.goal_template_apply(
        actor=hr,
        template=template,
        department=department,
        start_date=date(2027, 1, 1),
        due_date=date(2027, 6, 30),
        status="active",
    )
    goals = applied.created
    assert {g.owner_employee for g in goals} == set(people) and applied.skipped == []
    assert all(g.status == "active" and list(g.parents.all()) == [goal] for g in goals)
    # Applying again leaves everyone who has the goal alone; only a newcomer gets one.
    newcomer = EmployeeFactory(organization=org_a, department=department)
    again = template_services.goal_template_apply(
        actor=hr,
        template=template,
        department=department,
        start_date=date(2027, 1, 1),
        due_date=date(2027, 6, 30),
    )
    assert [g.owner_employee for g in again.created] == [newcomer]
    assert set(again.skipped) == set(people)
    assert Goal.objects.filter(template=template).count() == 4


def test_a_template_for_people_one_may_not_set_goals_for_creates_nothing(org_a, cast):
    department = DepartmentFactory(organization=org_a)
    EmployeeFactory(organization=org_a, department=department, manager=cast.manager.employee)
    EmployeeFactory(organization=org_a, department=department)  # not the manager's report
    template = GoalTemplateFactory(organization=org_a)
    with pytest.raises(ApplicationError) as caught:
        template_services.goal_template_apply(
            actor=actor_for(cast.manager),
            template=template,
            department=department,
            start_date=date(2027, 1, 1),
            due_date=date(2027, 6, 30),
        )
    assert caught.value.code == "permission_denied"
    assert not Goal.objects.filter(template=template).exists()


# --- Progress and decision latency -----------------------------------------------------------


def _red_goal(org_a, cast):
    today = date.today()
    return GoalFactory(
        organization=org_a,
        owner_employee=cast.owner.employee,
        start_date=today - timedelta(days=50),
        due_date=today + timedelta(days=50),
    )


def test_progress_updates_keep_history_and_the_latest_value(org_a, cast, goal):
    contributor = actor_for(cast.contributor)
    services.goal_progress_record(actor=contributor, goal=goal, value=D(45), comment="Started")
    services.goal_progress_record(actor=contributor, goal=goal, value=D(50), confidence="high")
    goal.refresh_from_db()
    assert goal.current == D(50) and goal.version == 1
    assert [u.value for u in selectors.goal_updates(goal=goal)] == [D(50), D(45)]
    with pytest.raises(ApplicationError) as caught:
        services.goal_progress_record(actor=actor_for(cast.peer), goal=goal, value=D(1))
    assert caught.value.code == "permission_denied"


def test_an_update_is_judged_against_the_one_recorded_just_before_it(org_a, cast, goal):
    """The status before an update is the goal's on the day of the update recorded just before
    it in time (none for the earliest), so a late entry of an older value is judged against
    its own predecessor; the latest value in time stays the current one, and the stored
    forecast is the one computed from every update."""
    owner = actor_for(cast.owner)

    def record(day, value):
        services.goal_progress_record(
            actor=owner,
            goal=goal,
            value=D(value),
            recorded_at=datetime.combine(day, time(12), tzinfo=UTC),
        )
        event = AuditEvent.objects.filter(action="goal.progress_recorded").latest("id")
        goal.refresh_from_db()
        return event.changes["rag"]["before"], event.changes["rag"]["after"], goal.current

    # 40 -> 60 from 1 January to 31 March.
    assert record(date(2027, 2, 1), "50") == (None, "green", D(50))
    assert record(date(2027, 3, 20), "41") == ("green", "red", D(41))
    assert GoalRedEpisode.objects.filter(goal=goal).count() == 1
    # Entered late: nothing was recorded before 10 January, and 20 March stays the latest.
    assert record(date(2027, 1, 10), "45") == (None, "red", D(41))
    assert GoalRedEpisode.objects.filter(goal=goal).count() == 2  # red from no status
    # Entered late again: 1 February's is the one before it, judged with the current value.
    assert record(date(2027, 3, 1), "55") == ("red", "red", D(41))
    assert GoalRedEpisode.objects.filter(goal=goal).count() == 2
    stored = goal.forecast_misses
    assert stored is not None and services.goal_forecasts_refresh(goal_ids=[goal.pk]) == 0


def test_decision_latency_from_turning_red_to_the_first_action(org_a, cast):
    goal = _red_goal(org_a, cast)
    owner = actor_for(cast.owner)
    services.goal_progress_record(actor=owner, goal=goal, value=D(50))  # half way: green
    assert not GoalRedEpisode.objects.exists()
    services.goal_progress_record(actor=owner, goal=goal, value=D(41))  # turns red
    episode = GoalRedEpisode.objects.get()
    assert episode.goal == goal and episode.first_action_at is None
    report = selectors.decision_latency()
    assert report["open"] == 1 and report["mean"] is None
    # The next action on it closes the episode: a change request here.
    services.goal_update(
        actor=owner, goal=goal, version=goal.version, target=D(50), justification="Too high"
    )
    episode.refresh_from_db()
    assert episode.first_action == "change_request" and episode.first_action_at is not None
    report = selectors.decision_latency(goals=Goal.objects.filter(pk=goal.pk))
    assert report["open"] == 0 and report["mean"] == episode.latency


def test_a_check_in_comment_on_a_red_goal_is_an_action(org_a, cast):
    goal = _red_goal(org_a, cast)
    owner = actor_for(cast.owner)
    services.goal_progress_record(actor=owner, goal=goal, value=D(40))
    series = checkin_services.check_in_series_create(
        actor=actor_for(cast.manager), report=cast.owner.employee, cadence="weekly"
    )
    check_in = series.check_ins.get()
    checkin_services.check_in_update(
        actor=actor_for(cast.manager), check_in=check_in, reviews={goal: "Agreed a recovery plan"}
    )
    assert GoalRedEpisode.objects.get().first_action == "check_in"


def test_goal_settings_defaults_and_override(org_a, cast, goal):
    settings = selectors.goal_settings_get()
    assert settings.pk is None and settings.stretch_limit_percent == 50
    services.goal_settings_update(actor=system_actor(org_a), stretch_limit_percent=D(20))
    assert selectors.goal_settings_get().stretch_limit_percent == 20
    with pytest.raises(ApplicationError):
        services.goal_settings_update(actor=actor_for(cast.manager), rag_green_at=D(80))
    goal.current = D(50)
    goal.rag_green_at = D(40)  # per-goal override: 50 % of the way is green here
    assert selectors.goal_rag(goal, settings=settings, today=goal.due_date) == "green"
    goal.rag_green_at = None
    assert selectors.goal_rag(goal, settings=settings, today=goal.due_date) == "red"


def test_decision_latency_lists_the_latest_episodes_and_sums_them_all(org_a, cast):
    red_at = timezone.now() - timedelta(days=30)
    goal = _red_goal(org_a, cast)
    for hours in (1, 48, 102):
        GoalRedEpisode.objects.create(
            organization=org_a,
            goal=goal,
            turned_red_at=red_at + timedelta(days=hours),
            first_action_at=red_at + timedelta(days=hours, hours=hours),
            first_action="update",
        )
    GoalRedEpisode.objects.create(organization=org_a, goal=goal, turned_red_at=red_at)
    everything = selectors.decision_latency()
    latest = selectors.decision_latency(shown=2)
    assert latest["mean"] == everything["mean"] == timedelta(hours=151 / 3)
    assert latest["open"] == everything["open"] == 1
    assert latest["count"] == everything["count"] == len(everything["episodes"]) == 4
    assert latest["episodes"] == everything["episodes"][:2]
