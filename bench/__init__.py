"""`make bench`: PLMS measured at organisation scale against the stack's own ceiling.

- `bench.generators`: synthetic organisations (`manage.py generate_org`, a command of this
  Django app, installed by the development, test and benchmark settings only), one step per
  domain;
- `bench.items`: the HTTP items measured under load, one provider per domain;
- `bench.jobs`: the batch jobs timed in-process, one provider per domain;
- `bench.load`: the load generator, a separate process with only the standard library;
- `bench.run`: the orchestration behind `python -m bench` (see docs/performance.md).
"""
