"""Writes of integrations, one module per concept: `subscriptions` (webhook subscriptions),
`deliveries` (sending webhooks, and purging their history) and `provisioning` (the bulk upsert
of employees and the SCIM provisioning of employees and departments).

Subscription writes are for HR admins and API keys (`actor.require_admin()`), audited, and run
in one transaction. Deliveries are sent by `webhook_delivery_run`, which Celery calls: it claims
the delivery with a conditional UPDATE, sends it outside any transaction and records the
attempt, so a delivered event is never sent again and a failed one is retried with backoff.
"""
