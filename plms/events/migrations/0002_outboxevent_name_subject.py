# Each outbox row says which domain event it is and whom it concerns, so subscribers inside the
# application (Momentum's triggers) no longer read the webhook payload. Existing rows are filled
# in from their type and payload; an update recorded before this migration counts as an
# ordinary change (not a change of role or manager).

import json

from django.db import migrations, models

from plms.tenancy.context import dangerously_all_organizations

BATCH = 1000
NAMES = {
    "employee.created": ("employee_joined", "id"),
    "employee.updated": ("employee_changed", "id"),
    "employee.deactivated": ("employee_deactivated", "id"),
    "assessment.submitted": ("assessment_submitted", "employee"),
    "assessment_cycle.closed": ("cycle_closed", None),
    "development_plan.created": ("development_plan_created", "employee"),
    "development_plan.completed": ("development_plan_completed", "employee"),
    "goal.status_changed": ("goal_status_changed", None),
    "learning.completed": ("learning_completed", "employee"),
    "workflow.milestone_due": ("milestone_due", None),
}


def fill(apps, schema_editor):
    connection = schema_editor.connection
    table = connection.ops.quote_name("integrations_outboxevent")
    with dangerously_all_organizations(using=connection.alias), connection.cursor() as cursor:
        last_id = 0
        while True:
            cursor.execute(
                f"SELECT id, type, payload FROM {table} WHERE id > %s ORDER BY id LIMIT %s",
                [last_id, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            for pk, type_, payload in rows:
                if type_ not in NAMES:
                    continue
                name, key = NAMES[type_]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                data = payload.get("data") if isinstance(payload, dict) else None
                subject = (data or {}).get(key) if key else None
                cursor.execute(
                    f"UPDATE {table} SET name = %s, subject = %s WHERE id = %s",
                    [name, subject or None, pk],
                )
            last_id = rows[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxevent",
            name="name",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="outboxevent",
            name="subject",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
