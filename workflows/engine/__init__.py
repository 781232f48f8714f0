"""The Momentum engine: plan a run's steps, start runs, and the tick that moves them.

Everything that is due lives in PostgreSQL. Each tick (Celery beat every minute, or a timer
thread in the embedded default) finds the organizations with work and, per organization:

1. starts the runs of recurrences, dates and events that have come (under the template's row
   lock, with a unique key per employee and occurrence, so each run starts once);
2. marks steps done whose work was completed (a check-in held, …);
3. claims due steps in batches — `SELECT … FOR UPDATE SKIP LOCKED`, then `state = 'due'` with
   the claim time — and enqueues one dispatch task per chunk of steps when the claim commits
   (`steps_dispatch`: the steps of kinds that only notify are done together, the others one
   by one);
4. re-enqueues e-mails whose task was lost and opens the daily digests that are due.

A claimed step whose task never ran (broker restarted, worker killed) is claimed again once its
claim is older than the lease, so a missed tick or a lost message delays work and never loses
it. Dispatching locks the step's row and acts only on a step still `due`, so a duplicate
message does nothing: the database, not the broker, decides what has been done.

`now` can be passed everywhere, so tests (and catch-up after an outage) are deterministic.

One module per concept: `runs` (planning a run's steps, starting runs), `steps` (claiming,
dispatching and completing steps) and `tick` (one organization's tick).
"""
