"""HR creates and edits talent pools in the page; a pool's development programme reaches every
member (members who join later too) through one active development plan each, named for the
programme and never for the pool; its Momentum workflow runs for the members."""

from __future__ import annotations

import pytest

from learning.models import DevelopmentPlan, PlanItem
from plms.audit.models import AuditEvent
from plms.common.errors import ApplicationError, PermissionDenied
from talent import pool_programme, pool_selectors, pool_services
from talent.models import TalentPool
from tests.conftest import in_org
from tests.learning.factories import LearningItemFactory
from tests.talent.conftest import actor_of
from tests.talent.factories import AspirationFactory, TalentPoolFactory
from tests.talent.test_pools import placed  # noqa: F401 (fixture)
from tests.workflows.factories import WorkflowMilestoneFactory, WorkflowTemplateFactory
from workflows.models import WorkflowTemplate


def _items(plan: DevelopmentPlan) -> list[str]:
    return [row.item.title for row in PlanItem.objects.filter(plan=plan).order_by("order")]


def test_hr_creates_and_edits_a_pool_in_the_page_and_sees_its_suggestions(placed, client):  # noqa: F811
    careers = placed
    client.force_login(careers.hr.user)
    page = client.get("/talent/pools/").content.decode()
    assert "Create a talent pool" in page and "Future leader" in page  # the 3-3 box by name
    response = client.post(
        "/talent/pools/",
        {"name": "Future leaders", "description": "People who could lead", "boxes": ["3-3"]},
    )
    assert response.status_code == 302
    with in_org(careers.org):
        pool = TalentPool.objects.get(name="Future leaders")
    assert response["Location"] == f"/talent/pools/{pool.uuid}/"
    page = client.get(response["Location"]).content.decode()
    assert careers.peer.employee.full_name in page  # suggested: the peer is in the top box
    # Bad criteria come back on the form, by field.
    page = client.post("/talent/pools/", {"name": "Coaches", "minimum_level": "3"})
    assert (
        page.status_code == 200 and "A minimum level needs its capability" in page.content.decode()
    )
    page = client.post("/talent/pools/", {"name": "future leaders"})
    assert "There is a pool named future leaders already" in page.content.decode()
    # Editing the criteria changes the suggestions: the employee aspires to Team Lead.
    with in_org(careers.org):
        AspirationFactory(
            organization=careers.org, employee=careers.employee.employee, role=careers.lead
        )
    edit = f"/talent/pools/{pool.uuid}/edit/"
    assert "Edit Future leaders" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "name": "Next team leads",
            "boxes": ["2-2", "3-3"],
            "aspired_role": careers.lead.pk,
            "programme_name": "Leadership track",
        },
    )
    assert response.status_code == 302
    with in_org(careers.org):
        pool.refresh_from_db()
        assert (pool.name, pool.boxes, pool.aspired_role, pool.programme_name) == (
            "Next team leads",
            ["2-2", "3-3"],
            careers.lead,
            "Leadership track",
        )
        assert pool_selectors.suggested_members(pool=pool) == [careers.employee.employee]
        assert AuditEvent.objects.filter(action="talent_pool.updated").exists()
    for who in (careers.employee, careers.peer, careers.manager):
        client.force_login(who.user)
        assert client.get(edit).status_code == 403
        assert client.post("/talent/pools/", {"name": "Mine"}).status_code == 403
    with in_org(careers.org):
        assert not TalentPool.objects.filter(name="Mine").exists()


def test_the_programme_reaches_every_member_and_members_who_join_later(careers):
    hr = actor_of(careers.hr)
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        pool = pool_services.pool_create(
            actor=hr, name="Flight risks", boxes=["3-3"], programme_name="Growth programme"
        )
        first = pool_services.pool_member_add(actor=hr, pool=pool, employee=employee)
        assert first.plan is None  # nothing to give yet
        mentoring = LearningItemFactory(organization=careers.org, title="Mentoring circle")
        strategy = LearningItemFactory(organization=careers.org, title="Strategy basics")
        pool_programme.programme_items_add(actor=hr, pool=pool, items=[mentoring, strategy])
        first.refresh_from_db()
        plan = first.plan
        assert plan is not None and plan.employee == employee
        assert plan.status == DevelopmentPlan.Status.ACTIVE
        # The plan names the programme, never the confidential pool.
        assert plan.title == "Growth programme" and "Flight" not in plan.title
        assert _items(plan) == ["Mentoring circle", "Strategy basics"]
        assert PlanItem.objects.filter(plan=plan).first().reason == "Part of Growth programme."
        # Adding the same item again changes nothing.
        assert pool_programme.programme_items_add(actor=hr, pool=pool, items=[mentoring]) == []
        assert _items(plan) == ["Mentoring circle", "Strategy basics"]
        # A member who joins later gets the programme so far.
        later = pool_services.pool_member_add(actor=hr, pool=pool, employee=peer)
        assert later.plan is not None and later.plan.employee == peer
        assert _items(later.plan) == ["Mentoring circle", "Strategy basics"]
        # A later item reaches both, in the plans they have.
        coaching = LearningItemFactory(organization=careers.org, title="Coaching practice")
        pool_programme.programme_items_add(actor=hr, pool=pool, items=[coaching])
        assert _items(plan)[-1] == "Coaching practice"
        assert _items(later.plan)[-1] == "Coaching practice"
        assert DevelopmentPlan.objects.filter(employee=peer).count() == 1
        # Once the plan is completed, the next item starts a new programme plan.
        DevelopmentPlan.objects.filter(pk=plan.pk).update(status=DevelopmentPlan.Status.COMPLETED)
        reading = LearningItemFactory(organization=careers.org, title="Reading list")
        pool_programme.programme_items_add(actor=hr, pool=pool, items=[reading])
        first.refresh_from_db()
        assert first.plan != plan and _items(first.plan) == ["Reading list"]
        # Taking an item out: new members no longer get it; plans keep it.
        pool_programme.programme_item_remove(actor=hr, pool=pool, item=mentoring)
        assert "Mentoring circle" in _items(later.plan)
        for who in (careers.employee, careers.manager):
            with pytest.raises(PermissionDenied):
                pool_programme.programme_items_add(actor=actor_of(who), pool=pool, items=[reading])


def test_the_programme_page_adds_items_and_sets_the_cadence(careers, client):
    hr = actor_of(careers.hr)
    with in_org(careers.org):
        pool = TalentPoolFactory(organization=careers.org, name="Experts")
        pool_services.pool_member_add(actor=hr, pool=pool, employee=careers.peer.employee)
        item = LearningItemFactory(organization=careers.org, title="Architecture clinic")
        workflow = WorkflowTemplateFactory(organization=careers.org, name="Monthly programme day")
        WorkflowMilestoneFactory(organization=careers.org, template=workflow)
    client.force_login(careers.hr.user)
    url = f"/talent/pools/{pool.uuid}/programme/"
    assert client.post(url, {"item": str(item.uuid)}).status_code == 302
    assert client.post(url, {"action": "workflow", "workflow": workflow.pk}).status_code == 302
    page = client.get(f"/talent/pools/{pool.uuid}/").content.decode()
    assert "Architecture clinic" in page and "Monthly programme day" in page
    with in_org(careers.org):
        pool.refresh_from_db()
        assert pool.workflow == workflow
        assert PlanItem.objects.filter(plan__employee=careers.peer.employee, item=item).exists()
    client.force_login(careers.manager.user)
    assert client.post(url, {"item": str(item.uuid)}).status_code == 403


def test_the_cadence_workflow_runs_for_the_members(careers):
    hr = actor_of(careers.hr)
    employee, peer = careers.employee.employee, careers.peer.employee
    with in_org(careers.org):
        workflow = WorkflowTemplateFactory(
            organization=careers.org, status=WorkflowTemplate.Status.ACTIVE
        )
        pool = pool_services.pool_create(actor=hr, name="Experts")
        pool_services.pool_member_add(actor=hr, pool=pool, employee=employee)
        pool_programme.workflow_attach(actor=hr, pool=pool, workflow=workflow)
        workflow.refresh_from_db()
        assert (workflow.audience, workflow.audience_ids) == ("people", [str(employee.uuid)])
        pool_services.pool_member_add(actor=hr, pool=pool, employee=peer)
        workflow.refresh_from_db()
        assert set(workflow.audience_ids) == {str(employee.uuid), str(peer.uuid)}
        # Nobody left: a workflow cannot run for nobody, so it pauses; it resumes with the
        # next member.
        for member in list(pool.members.all()):
            pool_services.pool_member_remove(actor=hr, member=member)
        workflow.refresh_from_db()
        assert workflow.status == WorkflowTemplate.Status.PAUSED
        pool_services.pool_member_add(actor=hr, pool=pool, employee=peer)
        workflow.refresh_from_db()
        assert workflow.status == WorkflowTemplate.Status.ACTIVE
        assert workflow.audience_ids == [str(peer.uuid)]
        # One pool per workflow.
        other = pool_services.pool_create(actor=hr, name="Others")
        with pytest.raises(ApplicationError):
            pool_programme.workflow_attach(actor=hr, pool=other, workflow=workflow)
        # Detaching pauses it: it no longer runs for the former members.
        pool_programme.workflow_detach(actor=hr, pool=pool)
        workflow.refresh_from_db()
        pool.refresh_from_db()
        assert pool.workflow is None and workflow.status == WorkflowTemplate.Status.PAUSED
