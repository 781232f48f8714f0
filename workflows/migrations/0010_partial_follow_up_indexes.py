"""Two foreign keys indexed only where they are set: a step's parent (a milestone's own row,
which a dispatch writes, has none; its follow-ups have one) and a notification's digest (empty
until the daily digest takes it). A dispatched step and each notification it sends wrote an
entry for their empty key; the reads by these keys (`parent_id IN (…)`, a digest's
notifications) give a value, which the partial indexes serve. The foreign keys themselves stay
as they are (the state of the fields says `db_index=False`)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workflows", "0009_run_list_order")]

    operations = [
        migrations.AddIndex(
            model_name="milestonerun",
            index=models.Index(
                condition=models.Q(("parent__isnull", False)),
                fields=["parent"],
                name="milestonerun_follow_ups",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("digest__isnull", False)),
                fields=["digest"],
                name="notification_digest",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="milestonerun",
                    name="parent",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_ups",
                        to="workflows.milestonerun",
                    ),
                ),
                migrations.AlterField(
                    model_name="notification",
                    name="digest",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="notifications",
                        to="workflows.notificationdigest",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "workflows_milestonerun_parent_id_42506919"',
                    'CREATE INDEX IF NOT EXISTS "workflows_milestonerun_parent_id_42506919" '
                    'ON "workflows_milestonerun" ("parent_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "workflows_notification_digest_id_5c268134"',
                    'CREATE INDEX IF NOT EXISTS "workflows_notification_digest_id_5c268134" '
                    'ON "workflows_notification" ("digest_id")',
                ),
            ],
        ),
    ]
