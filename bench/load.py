"""The load generator: a separate process, standard library only (asyncio over raw sockets).

    python -m bench.load < spec.json > result.json

The spec names the server (`host`, `port`, loopback only), the request (`method`, `path`,
`headers`, `body`), `concurrency` connections, `warmup` seconds (not counted), then a measured
phase bounded by `duration` seconds and `max_requests`. In a body, `{n}` becomes a value unique
within the run (for writes such as unique e-mail addresses). `cpu` pins the process to one CPU.

Each connection sends a request, waits for the whole response and sends the next (closed loop),
keeping the connection alive when the server allows it. The result gives completed requests,
elapsed seconds, requests per second, latency percentiles in milliseconds and the status codes.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import time

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ProtocolError(Exception):
    pass


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response; returns (status, server closes the connection)."""
    status_line = await reader.readline()
    if not status_line:
        raise ProtocolError("connection closed before the status line")
    parts = status_line.split(b" ", 2)
    status = int(parts[1])
    length, chunked, close = None, False, parts[0] == b"HTTP/1.0"
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value:
            chunked = True
        elif name == b"connection":
            close = value == b"close"
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, close


def _request_bytes(spec: dict, unique: str) -> bytes:
    body = spec.get("body")
    payload = b"" if body is None else body.replace("{n}", unique).encode()
    lines = [f"{spec['method']} {spec['path']} HTTP/1.1", f"Host: {spec['host']}"]
    lines += [f"{name}: {value}" for name, value in spec.get("headers", {}).items()]
    if body is not None:
        lines.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _run(spec: dict) -> dict:
    host, port = spec["host"], int(spec["port"])
    unique = itertools.count()
    token = f"{os.getpid()}x{int(time.time())}"
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    measuring = False
    measured = 0
    started = time.perf_counter()
    warmup_end = started + float(spec.get("warmup", 0))
    measure_start = warmup_end
    end = warmup_end + float(spec["duration"])
    max_requests = int(spec.get("max_requests", 10**9))
    static = None if "{n}" in (spec.get("body") or "") else _request_bytes(spec, "")

    async def connection() -> None:
        nonlocal measuring, measured, measure_start
        reader = writer = None
        while True:
            now = time.perf_counter()
            if now >= end or measured >= max_requests:
                break
            if not measuring and now >= warmup_end:
                measuring, measure_start = True, now
            request = static or _request_bytes(spec, f"{token}-{next(unique)}")
            # Latency includes connecting when the server closed the previous connection.
            sent = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(request)
                status, close = await _read_response(reader)
            except (OSError, ProtocolError, asyncio.IncompleteReadError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
                if len(errors) > 100:
                    raise
                continue
            elapsed = time.perf_counter() - sent
            if sent >= measure_start and measuring:
                latencies.append(elapsed)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                measured += 1
            if close:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(int(spec.get("concurrency", 8)))))
    elapsed = max(time.perf_counter() - measure_start, 1e-9)
    latencies.sort()

    def percentile(share: float) -> float | None:
        if not latencies:
            return None
        index = min(len(latencies) - 1, max(0, round(share * len(latencies)) - 1))
        return round(latencies[index] * 1000, 2)

    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "statuses": statuses,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
    }


def main() -> int:
    spec = json.load(sys.stdin)
    if spec["host"] not in LOOPBACK:
        print("bench.load only targets a loopback address.", file=sys.stderr)
        return 2
    if spec.get("cpu") is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(spec["cpu"])})
    result = asyncio.run(_run(spec))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
