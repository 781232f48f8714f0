"""Personal-data rights: a person's data export and the retention rules (erasure of leavers
is `plms.privacy.erasure`).

- `personal_data_export_request` (HR admins and keys with `privacy:write`) records the request
  and builds the ZIP in the background (`personal_data_export_run`, with progress); it can be
  downloaded once (`personal_data_export_download`), then its content is dropped. Both the
  request and the download are audited.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plms.audit import actions
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.people.models import Employee
from plms.privacy.erasure import check_hr_may_act_on
from plms.privacy.error_codes import GONE, INVALID
from plms.privacy.models import PersonalDataExport, RetentionPolicy
from plms.privacy.selectors import retention_policy_get
from plms.privacy.tasks import build_personal_data_export
from plms.tenancy.actors import Actor

# --- Retention rules --------------------------------------------------------------------------


@transaction.atomic
def retention_policy_set(*, actor: Actor, **values: int) -> RetentionPolicy:
    actor.require_admin()
    policy = retention_policy_get(organization_id=actor.organization.pk)
    if values.get("audit_days", policy.audit_days) < 30:
        raise ApplicationError(
            INVALID,
            "The audit log is kept at least 30 days.",
            fields={"audit_days": "At least 30."},
        )
    before = {name: getattr(policy, name) for name in values}
    for name, value in values.items():
        setattr(policy, name, value)
    policy.updated_at = timezone.now()
    policy.save()
    audit_record(
        actor=actor,
        action=actions.RETENTION_CHANGED,
        obj=policy,
        changes={n: {"before": before[n], "after": v} for n, v in values.items() if before[n] != v},
    )
    return policy


# --- Data export ------------------------------------------------------------------------------


@transaction.atomic
def personal_data_export_request(
    *, actor: Actor, employee: Employee, include_planning: bool = False
) -> PersonalDataExport:
    """Record the request; the ZIP is built in the background once this commits. Management
    planning about the person is left out unless `include_planning`."""
    check_hr_may_act_on(actor, employee)
    export = PersonalDataExport.objects.create(
        employee=employee,
        requested_by=actor.user,
        requested_by_label=actor.label,
        include_planning=include_planning,
    )
    audit_record(
        actor=actor,
        action=actions.PERSONAL_DATA_EXPORT_REQUESTED,
        obj=employee,
        changes={"include_planning": include_planning},
    )
    transaction.on_commit(
        lambda: build_personal_data_export.delay(
            export.pk, organization_id=employee.organization_id
        )
    )
    return export


@transaction.atomic
def personal_data_export_download(*, actor: Actor, export: PersonalDataExport) -> bytes:
    """The ZIP, once: the content is dropped as it is handed out (audited)."""
    check_hr_may_act_on(actor, export.employee)
    row = (
        PersonalDataExport.objects.select_for_update()
        .filter(pk=export.pk, status=PersonalDataExport.Status.READY)
        .first()
    )
    if row is None or row.content is None:
        raise ApplicationError(
            GONE,
            "This export is not ready, or has already been downloaded: request a new one.",
            status=410,
        )
    content = bytes(row.content)
    PersonalDataExport.objects.filter(pk=export.pk).update(
        status=PersonalDataExport.Status.DOWNLOADED, content=None, downloaded_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action=actions.PERSONAL_DATA_DOWNLOADED,
        obj=export.employee,
        changes={"bytes": len(content)},
    )
    return content
