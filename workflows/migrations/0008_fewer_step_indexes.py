"""Indexes that other indexes already serve, off the tables a dispatch writes: each step
dispatched and each notification sent wrote every index of its row.

- `milestonerun_org_run` (organization, run) is the start of the unique
  `milestonerun_occasion` (organization, run, milestone, occasion);
- the single-column `organization_id` indexes of steps, runs and notifications: each table has
  composite indexes leading with `organization_id` (its `…_org_uuid` unique key among them).

The foreign keys stay as they are; only their indexes go (the state of the fields says
`db_index=False`).
"""

import django.db.models.deletion
from django.db import migrations, models

ORGANIZATION_INDEXES = {
    "milestonerun": ("workflows_milestonerun", "workflows_milestonerun_organization_id_7018e494"),
    "notification": ("workflows_notification", "workflows_notification_organization_id_208b51ef"),
    "workflowrun": ("workflows_workflowrun", "workflows_workflowrun_organization_id_c413e01e"),
}


def _organization_field() -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False,
        editable=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="tenancy.organization",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0004_directory_policies"),
        ("workflows", "0007_milestone_and_run_summaries"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="milestonerun", name="milestonerun_org_run"),
        *(
            migrations.SeparateDatabaseAndState(
                state_operations=[
                    migrations.AlterField(
                        model_name=model, name="organization", field=_organization_field()
                    )
                ],
                database_operations=[
                    migrations.RunSQL(
                        f'DROP INDEX IF EXISTS "{index}"',
                        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" ("organization_id")',
                    )
                ],
            )
            for model, (table, index) in ORGANIZATION_INDEXES.items()
        ),
    ]
