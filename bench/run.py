"""`python -m bench` (`make bench`): the whole benchmark, start to finish.

1. PostgreSQL database `plms_bench` (created as the owner role, migrated), Redis database 10;
2. two organisations of `--employees` people (`bench-<N>` and its neighbour), generated once and
   reused on later runs unless `--fresh`;
3. SQL queries per request of every item, in-process (Django test client + CaptureQueriesContext
   on the same database);
4. gunicorn with production settings on a loopback port, a Celery worker, and the load generator
   (`bench.load`, a separate process) against each item, the baseline first and last;
5. the batch jobs, in-process, each in a transaction rolled back afterwards;
6. peak RSS of the web and Celery workers; one table, then one JSON line, on stdout. Progress
   goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.report import ordered_items, render_json, render_table

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_APP_URL = "postgres://plms_app@127.0.0.1:5432/plms"
DEFAULT_OWNER_URL = "postgres://plms_owner@127.0.0.1:5432/plms"
WEB_RSS_TARGET_MB, CELERY_RSS_TARGET_MB = 250.0, 300.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--fresh", action="store_true", help="Drop and rebuild plms_bench.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="Seconds measured per item.")
    parser.add_argument("--warmup", type=float, default=2.0, help="Seconds not counted per item.")
    parser.add_argument("--max-requests", type=int, default=50_000, help="Cap per item.")
    parser.add_argument("--workers", type=int, default=cpus, help="gunicorn worker processes.")
    parser.add_argument("--threads", type=int, default=4, help="Threads per gunicorn worker.")
    parser.add_argument(
        "--only", nargs="*", default=None, help="Measure only items whose name contains these."
    )
    parser.add_argument(
        "--no-crawl", action="store_true", help="Leave out the page crawl (bench/crawl.py)."
    )
    parser.add_argument(
        "--crawl-duration", type=float, default=3.0, help="Seconds measured per crawled page."
    )
    parser.add_argument(
        "--crawl-warmup", type=float, default=1.0, help="Seconds not counted per crawled page."
    )
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--no-celery", action="store_true")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_NAME", "plms_bench"))
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
    )
    return parser.parse_args(argv)


# --- Environment and database ----------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def bench_environment(args: argparse.Namespace) -> dict[str, str]:
    app = os.environ.get("DATABASE_URL") or DEFAULT_APP_URL
    owner = os.environ.get("DATABASE_OWNER_URL") or DEFAULT_OWNER_URL
    if not app.startswith("postgres"):
        raise SystemExit("The benchmark runs on PostgreSQL: DATABASE_URL must be postgres://...")
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": _with_database(app, args.database),
        "DATABASE_OWNER_URL": _with_database(owner, args.database),
        "DATABASE_APP_ROLE": os.environ.get("DATABASE_APP_ROLE")
        or (urlsplit(app).username or "plms_app"),
        "REDIS_URL": args.redis_url,
        # The rate limit is still counted on every request (its Redis round trip is part of
        # the figures) but never refuses the load generator.
        "PLMS_RATE_LIMIT_API_KEY": "1000000000",
        "PLMS_RATE_LIMIT_USER": "1000000000",
        "PYTHONPATH": str(ROOT),
    }


def ensure_database(env: dict[str, str], *, fresh: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    owner = urlsplit(env["DATABASE_OWNER_URL"])
    name = owner.path.lstrip("/")
    connection = psycopg2.connect(_with_database(env["DATABASE_OWNER_URL"], "postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and fresh:
            log(f"dropping database {name} (--fresh)")
            cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            exists = False
        if not exists:
            log(f"creating database {name} as {owner.username}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def migrate(env: dict[str, str]) -> None:
    """Migrate as the owner role, with the owner as the default connection too.

    Data migrations that read through the default connection then see the tables they just
    created; the application role is granted its privileges afterwards (post_migrate).
    """
    log("migrating")
    owner_env = {**os.environ, **env, "DATABASE_URL": env["DATABASE_OWNER_URL"]}
    owner_env.pop("DATABASE_OWNER_URL")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=owner_env,
        check=True,
    )


def vacuum_analyze(env: dict[str, str]) -> None:
    """Fresh planner statistics and visibility maps, as autovacuum would leave them.

    Right after bulk inserts the planner believes the tables are nearly empty and picks plans
    (nested loops over every row) that a live database would never use. Only the owner may.
    """
    import psycopg2

    log("VACUUM (ANALYZE) as the owner")
    connection = psycopg2.connect(env["DATABASE_OWNER_URL"])
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    connection.close()


def check_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).ping()


# --- Organisations ---------------------------------------------------------------------------


def ensure_organizations(args: argparse.Namespace) -> tuple[object, dict | None]:
    """The measured organisation and its neighbour; generated unless they exist already."""
    from bench.context import BenchContext
    from bench.generators import NEIGHBOUR_SUFFIX, Sizes, generate_organization
    from plms.people.models import Employee
    from plms.tenancy.context import organization_scope
    from plms.tenancy.models import Organization
    from plms.tenancy.scopes import ALL_SCOPES
    from plms.tenancy.services import api_key_create

    sizes = Sizes(employees=args.employees)
    slug = f"bench-{args.employees}"
    slugs = [slug, f"{slug}{NEIGHBOUR_SUFFIX}"]
    existing = {o.slug: o for o in Organization.objects.filter(slug__in=slugs)}
    generation = None
    if not existing:
        log(f"generating {slugs[0]} and {slugs[1]} ({args.employees:,} employees each)")
        results = [generate_organization(slug=each, sizes=sizes) for each in slugs]
        existing = {result.organization.slug: result.organization for result in results}
        generation = {
            "seconds": [round(result.seconds, 2) for result in results],
            "counts": results[0].counts,
        }
        for result in results:
            log(f"  {result.organization.slug}: {result.counts} in {result.seconds:.1f} s")
    elif len(existing) != len(slugs):
        raise SystemExit(f"Only {sorted(existing)} of {slugs} exist: run with --fresh.")
    else:
        log(f"reusing {slugs[0]} and {slugs[1]} (--fresh regenerates them)")
    for each in slugs:
        with organization_scope(existing[each]):
            count = Employee.objects.count()
        if count != args.employees:
            raise SystemExit(f"{each} has {count} employees, not {args.employees}: use --fresh.")
    organization = existing[slug]
    _, secret = api_key_create(organization=organization, name="bench run", scopes=ALL_SCOPES)
    context = BenchContext(
        organization=organization,
        neighbour=existing[slugs[1]],
        sizes=sizes,
        api_key=secret,
        run_token=secrets.token_hex(4),
    )
    return context, generation


# --- SQL queries per request -----------------------------------------------------------------


def count_queries(item, context) -> tuple[int, int, int]:
    """Queries of one request (after two warm-up requests), its status code and the size of
    its body in bytes."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    headers = {k: v for k, v in item.headers.items() if k.lower() != "content-type"}
    content_type = item.headers.get("Content-Type", "application/octet-stream")
    status, queries, size = 0, 0, 0
    for attempt in range(3):
        body = (item.body or "").replace("{n}", f"q{context.run_token}x{attempt}")
        # The log keeps 9,000 queries: over hundreds of items it fills, and a full log
        # counts nothing new. Each request starts from an empty one.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(
                item.method, item.path, body, content_type=content_type, headers=headers
            )
            if response.streaming:
                size = sum(len(chunk) for chunk in response.streaming_content)
            else:
                size = len(response.content)
        status, queries = response.status_code, len(captured)
    return queries, status, size


# --- Processes -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return {"rss_mb": values.get("VmRSS", 0.0), "peak_rss_mb": values.get("VmHWM", 0.0)}


def peak_raisers(results: dict[str, dict], count: int = 5) -> list[dict]:
    """The items after which the web worker's peak memory rose the most, largest first."""
    raised, peak = [], 0.0
    for name, result in results.items():
        after = result.get("web_peak_rss_mb")
        if after is None:
            continue
        if peak and after > peak:
            raised.append({"item": name, "mb": round(after - peak, 1)})
        peak = max(peak, after)
    return sorted(raised, key=lambda row: -row["mb"])[:count]


def http_status(port: int, path: str) -> int | None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            return int(sock.recv(64).split(b" ")[1])
    except (OSError, IndexError, ValueError):
        return None


class Processes:
    """gunicorn and a Celery worker, started with the benchmark's environment."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str]) -> None:
        self.args = args
        self.env = {**os.environ, **env}
        self.port = free_port()
        self.web: subprocess.Popen | None = None
        self.celery: subprocess.Popen | None = None
        self.logs = ROOT / "var" / "bench"
        self.logs.mkdir(parents=True, exist_ok=True)
        cpus = os.cpu_count() or 1
        # Pin the load generator apart only where that leaves the server at least 3 CPUs;
        # on 2 cores either side pinned to one CPU would be starved.
        self.client_cpu = cpus - 1 if cpus >= 4 else None
        self.server_cpus = set(range(cpus - 1)) if self.client_cpu is not None else None

    def _pin(self) -> None:
        if self.server_cpus:
            os.sched_setaffinity(0, self.server_cpus)

    def gunicorn_command(self) -> list[str]:
        worker_class = "gthread" if self.args.threads > 1 else "sync"
        return [
            str(BIN / "gunicorn"),
            "plms.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.args.workers}",
            f"--worker-class={worker_class}",
            f"--threads={self.args.threads}",
            "--backlog=2048",
            "--keep-alive=5",
            "--timeout=60",
            "--log-level=warning",
        ]

    def start_web(self) -> None:
        log(f"starting gunicorn on 127.0.0.1:{self.port}: {' '.join(self.gunicorn_command()[2:])}")
        self.web = subprocess.Popen(
            self.gunicorn_command(),
            cwd=ROOT,
            env=self.env,
            stdout=open(self.logs / "gunicorn.log", "w"),  # noqa: SIM115 (lives with the process)
            stderr=subprocess.STDOUT,
            preexec_fn=self._pin,
        )
        deadline = time.monotonic() + 60
        while http_status(self.port, "/healthz") != 200:
            if self.web.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {self.logs / 'gunicorn.log'}")
            time.sleep(0.2)

    def start_celery(self) -> None:
        logfile = self.logs / "celery.log"
        logfile.unlink(missing_ok=True)
        log("starting a Celery worker (concurrency 2)")
        self.celery = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "plms",
                "worker",
                "--concurrency=2",
                "--loglevel=INFO",
                f"--hostname=bench-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            # The worker logs JSON lines to stderr (plms.common.logs), whatever --logfile says.
            stdout=open(logfile, "w"),  # noqa: SIM115 (lives with the process)
            stderr=subprocess.STDOUT,
            preexec_fn=self._pin,
        )
        deadline = time.monotonic() + 60
        while "ready." not in (logfile.read_text() if logfile.exists() else ""):
            if self.celery.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the Celery worker did not start; see {logfile}")
            time.sleep(0.3)

    def worker_memory(self, process: subprocess.Popen | None) -> dict[str, float] | None:
        """The largest worker process below `process` (its pool), or the process itself."""
        if process is None or process.poll() is not None:
            return None
        pids = children_of(process.pid) or [process.pid]
        return max((memory_mb(pid) for pid in pids), key=lambda m: m["peak_rss_mb"])

    def stop(self) -> None:
        for process in (self.web, self.celery):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.web, self.celery):
            if process is None:
                continue
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_load(item, port: int, args: argparse.Namespace, client_cpu: int | None) -> dict:
    crawled = item.group == "crawl"
    warmup = args.crawl_warmup if crawled else args.warmup
    duration = args.crawl_duration if crawled else args.duration
    spec = {
        "host": "127.0.0.1",
        "port": port,
        "method": item.method,
        "path": item.path,
        "headers": item.headers,
        "body": item.body,
        "concurrency": args.concurrency,
        "warmup": warmup,
        "duration": duration,
        "max_requests": args.max_requests,
        "cpu": client_cpu,
    }
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.load"],
            input=json.dumps(spec),
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=warmup + duration + 120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        # Requests still running two minutes after the end: a miss, not the end of the run.
        log(f"  {item.name}: requests still running {120 + duration:.0f} s after the start")
        return {
            "requests": 0,
            "seconds": duration,
            "rps": 0.0,
            "p50_ms": None,
            "p95_ms": None,
            "p99_ms": None,
            "statuses": {},
            "errors": 0,
            "first_error": "timed out",
        }
    if completed.returncode != 0:
        raise SystemExit(f"the load generator failed on {item.name}:\n{completed.stderr}")
    return json.loads(completed.stdout)


# --- Batch jobs ------------------------------------------------------------------------------


def run_jobs(context) -> list[dict]:
    from django.db import transaction

    from bench.jobs import job_providers

    results = []
    for provider in job_providers():
        for job in provider(context):
            log(f"job: {job.name}")
            with transaction.atomic():
                if job.prepare is not None:
                    job.prepare()
                started = time.perf_counter()
                rows = job.run()
                seconds = time.perf_counter() - started
                transaction.set_rollback(True)
            results.append(
                {
                    "name": job.name,
                    "unit": job.unit,
                    "rows": rows,
                    "seconds": round(seconds, 2),
                    "rows_per_second": round(rows / seconds, 1) if seconds else None,
                    "max_seconds": job.max_seconds,
                    "min_rows_per_second": job.min_rows_per_second,
                }
            )
            log(f"  {rows:,} {job.unit} in {seconds:.2f} s")
    return results


# --- Main ------------------------------------------------------------------------------------


def machine(args: argparse.Namespace, processes: Processes | None) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn": " ".join(processes.gunicorn_command()[2:]) if processes else None,
        "concurrency": args.concurrency,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "client_cpu": processes.client_cpu if processes else None,
        "employees": args.employees,
        "load_average_at_end": list(os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    load_at_start = list(os.getloadavg())
    env = bench_environment(args)
    check_redis(env["REDIS_URL"])
    ensure_database(env, fresh=args.fresh)
    migrate(env)
    os.environ.update(env)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from bench.items import baseline, crawl_providers, item_providers

    call_command("collectstatic", "--noinput", verbosity=0)
    context, generation = ensure_organizations(args)
    vacuum_analyze(env)

    items = [baseline(context)]
    for provider in item_providers() + ([] if args.no_crawl else crawl_providers()):
        items.extend(provider(context))
    if args.only:
        items = [items[0], *(i for i in items[1:] if any(o in i.name for o in args.only))]

    log("counting SQL queries per request")
    queries = {}
    for item in items:
        queries[item.name] = count_queries(item, context)
        if item.cleanup:
            item.cleanup(context)
    for item in items:
        count, status, _size = queries[item.name]
        log(f"  {item.name}: {count} queries, status {status}")
        if status != item.expect:
            log(f"  {item.name}: status {status}, expected {item.expect}")

    processes = Processes(args, env)
    results: dict[str, dict] = {}
    memory: dict[str, dict | None] = {}
    jobs: list[dict] = []
    connections.close_all()
    try:
        if not args.skip_http:
            processes.start_web()
        if not args.no_celery:
            processes.start_celery()
        if not args.skip_http:
            for item in [*items, items[0]]:
                log(f"load: {item.name}")
                result = run_load(item, processes.port, args, processes.client_cpu)
                web = processes.worker_memory(processes.web)
                if web is not None:
                    # Which item raised the web worker's peak: the report names it.
                    result["web_peak_rss_mb"] = web["peak_rss_mb"]
                log(
                    f"  {result['rps']} req/s, p95 {result['p95_ms']} ms, "
                    f"statuses {result['statuses']}, errors {result['errors']}, "
                    f"web worker peak {result.get('web_peak_rss_mb')} MB"
                )
                if item.name in results:  # the baseline again, at the end
                    results[item.name + " (again)"] = result
                else:
                    results[item.name] = result
                if item.cleanup:
                    item.cleanup(context)
                connections.close_all()
            memory["web"] = processes.worker_memory(processes.web)
            if memory["web"] is not None:
                memory["web"]["raised_by"] = peak_raisers(results)
        if not args.skip_jobs:
            jobs = run_jobs(context)
        memory["celery"] = processes.worker_memory(processes.celery)
    finally:
        processes.stop()
        from plms.tenancy.models import ApiKey

        ApiKey.objects.filter(name="bench run").delete()

    report = {
        "bench": "plms",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "wall_seconds": round(time.monotonic() - started, 1),
        "machine": machine(args, processes),
        "generation": generation,
        "items": [
            {
                "name": item.name,
                "kind": item.kind,
                "method": item.method,
                "path": item.path,
                "expect": item.expect,
                "group": item.group,
                "queries": queries[item.name][0],
                "status_in_process": queries[item.name][1],
                "bytes": queries[item.name][2],
                "min_ratio": item.min_ratio,
                "max_p95_ms": item.max_p95_ms,
                "max_kb": item.max_kb,
                "load": results.get(item.name),
            }
            for item in items
        ],
        "baseline_again": results.get(items[0].name + " (again)"),
        "jobs": jobs,
        "memory": {
            "web": memory.get("web"),
            "celery": memory.get("celery"),
            "web_target_mb": WEB_RSS_TARGET_MB,
            "celery_target_mb": CELERY_RSS_TARGET_MB,
        },
    }
    report["machine"]["load_average_at_start"] = load_at_start
    report["items"] = ordered_items(report["items"])
    table, misses, failures = render_table(report)
    report["misses"], report["failures"] = misses, failures
    print(table)
    print(render_json(report))
    sys.stdout.flush()
    log(f"done in {report['wall_seconds']} s")
    return 1 if failures else 0
