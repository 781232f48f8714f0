# The outbox moves from the integrations app to plms.events: the table stays where it is
# (integrations_outboxevent, with its row-level security); only Django's state changes.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("integrations", "0002_encrypt_webhook_secrets"),
        ("tenancy", "0003_rls_policy_reads_settings_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("uuid", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("type", models.CharField(max_length=64)),
                        ("payload", models.JSONField()),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="tenancy.organization",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "integrations_outboxevent",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["organization", "created_at"],
                                name="outboxevent_org_created",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("organization", "uuid"), name="outboxevent_org_uuid"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
