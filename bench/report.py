"""The benchmark's report: one table for people, one JSON line for machines.

Every figure with a target is marked PASS or MISS (with what missed and by how much); an item
that answered with an unexpected status or had transport errors is a FAILURE (the run exits 1),
since its figures would measure an error page.
"""

from __future__ import annotations

import json


def baseline_rps(report: dict) -> float | None:
    """The baseline's throughput: the mean of its runs at the start and at the end."""
    first = report["items"][0]["load"] if report["items"] else None
    runs = [run for run in (first, report.get("baseline_again")) if run and run["rps"]]
    return sum(run["rps"] for run in runs) / len(runs) if runs else None


def ordered_items(items: list[dict]) -> list[dict]:
    """The listed items in their order, then the crawl's, worst first: slowest p95, then the
    largest body (an item not run last)."""
    listed = [item for item in items if item.get("group") != "crawl"]
    crawled = [item for item in items if item.get("group") == "crawl"]

    def badness(item: dict) -> tuple[float, float]:
        load = item.get("load")
        if not load:
            return (1.0, 0.0)  # not run: last
        p95 = load.get("p95_ms")
        # No request completed within the measured seconds: slower than anything measured.
        return (-(p95 if p95 is not None else float("inf")), -(item.get("bytes") or 0))

    return listed + sorted(crawled, key=badness)


def _kb(size: int | None) -> str:
    return "-" if size is None else f"{size / 1024:,.0f}"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def render_table(report: dict) -> tuple[str, list[str], list[str]]:
    base = baseline_rps(report)
    rows: list[list[str]] = []
    misses: list[str] = []
    failures: list[str] = []
    crawl_started = False
    crawled = sum(1 for item in report["items"] if item.get("group") == "crawl")
    for item in ordered_items(report["items"]):
        load = item["load"]
        result = []
        statuses = (load or {}).get("statuses", {})
        unexpected = {s: n for s, n in statuses.items() if int(s) != item["expect"]}
        if item["status_in_process"] != item["expect"]:
            unexpected.setdefault(f"{item['status_in_process']} in-process", 1)
        if unexpected or (load and load["errors"]):
            errors = (load or {}).get("errors", 0)
            text = f"FAILURE: statuses {unexpected or statuses}, errors {errors}"
            failures.append(f"{item['name']}: {text}")
            result.append(text)
        ratio = load["rps"] / base if load and base else None
        targets = []
        if item["min_ratio"]:
            targets.append(f">={item['min_ratio']:.2f}x")
            if ratio is not None and ratio < item["min_ratio"]:
                result.append(f"MISS {ratio:.2f}x < {item['min_ratio']:.2f}x of baseline")
        if load and load.get("requests") == 0 and item["kind"] != "baseline":
            result.append(f"MISS no request completed in {load.get('seconds', 0):.0f} s")
        if item["max_p95_ms"] is not None:
            targets.append(f"p95<={item['max_p95_ms']:.0f}")
            if load and load["p95_ms"] is not None and load["p95_ms"] > item["max_p95_ms"]:
                result.append(f"MISS p95 {load['p95_ms']:.0f} > {item['max_p95_ms']:.0f} ms")
        max_kb, size = item.get("max_kb"), item.get("bytes")
        if max_kb is not None:
            targets.append(f"<={max_kb:.0f} KB")
            if size is not None and size > max_kb * 1024:
                result.append(f"MISS {size / 1024:,.0f} KB > {max_kb:.0f} KB")
        if not load:
            verdict = "not run"
        elif any(r.startswith(("MISS", "FAILURE")) for r in result):
            verdict = "; ".join(result)
            misses.extend(f"{item['name']}: {r}" for r in result if r.startswith("MISS"))
        else:
            verdict = "PASS" if targets else "-"
        if item.get("group") == "crawl" and not crawl_started:
            crawl_started = True
            rows.append(None)
            rows.append([f"page crawl: {crawled} items, worst first", *[""] * 9])
        rows.append(
            [
                item["name"],
                f"{load['rps']:,.1f} req/s" if load else "-",
                f"{ratio:.2f}" if ratio is not None else "-",
                _ms(load and load["p50_ms"]),
                _ms(load and load["p95_ms"]),
                _ms(load and load["p99_ms"]),
                str(item["queries"]),
                _kb(item.get("bytes")),
                ", ".join(targets) or "(baseline)",
                verdict,
            ]
        )
    again = report.get("baseline_again")
    if again:
        rows.append(
            [
                "  baseline again, at the end",
                f"{again['rps']:,.1f} req/s",
                f"{again['rps'] / base:.2f}" if base else "-",
                _ms(again["p50_ms"]),
                _ms(again["p95_ms"]),
                _ms(again["p99_ms"]),
                "",
                "",
                "",
                "-",
            ]
        )
    rows.append(None)  # a rule
    for job in report["jobs"]:
        verdict = "-"
        target = []
        if job["max_seconds"] is not None:
            target.append(f"<={job['max_seconds']:g} s")
            if job["seconds"] > job["max_seconds"]:
                verdict = f"MISS {job['seconds']:.1f} s > {job['max_seconds']:g} s"
            else:
                verdict = "PASS"
        if job["min_rows_per_second"] is not None:
            target.append(f">={job['min_rows_per_second']:,.0f} {job['unit']}/s")
            if (job["rows_per_second"] or 0) < job["min_rows_per_second"]:
                verdict = f"MISS {job['rows_per_second']:,.0f} {job['unit']}/s"
            elif verdict == "-":
                verdict = "PASS"
        if verdict.startswith("MISS"):
            misses.append(f"{job['name']}: {verdict}")
        rows.append(
            [
                job["name"],
                f"{job['seconds']:.2f} s, {job['rows_per_second']:,.0f} {job['unit']}/s",
                "",
                "",
                "",
                "",
                "",
                "",
                ", ".join(target),
                verdict,
            ]
        )
    memory = report["memory"]
    for key, label in (("web", "web worker"), ("celery", "Celery worker")):
        figures = memory.get(key)
        if not figures:
            continue
        target = memory[f"{key}_target_mb"]
        peak = figures["peak_rss_mb"]
        verdict = "PASS" if peak <= target else f"MISS {peak:.0f} MB > {target:.0f} MB"
        if verdict.startswith("MISS"):
            misses.append(f"{label} peak RSS: {verdict}")
        raisers = ", ".join(f"{r['item']} +{r['mb']:.0f}" for r in figures.get("raised_by", []))
        rows.append(
            [
                f"{label} peak RSS (now {figures['rss_mb']:.0f} MB)"
                + (f"; raised most by {raisers}" if raisers else ""),
                f"{peak:.1f} MB",
                "",
                "",
                "",
                "",
                "",
                "",
                f"<={target:.0f} MB",
                verdict,
            ]
        )
    header = [
        "item",
        "figure",
        "x base",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "SQL/req",
        "KB",
        "target",
        "result",
    ]
    widths = [
        max(len(header[i]), *(len(row[i]) for row in rows if row is not None))
        for i in range(len(header))
    ]
    right = {1, 2, 3, 4, 5, 6, 7}

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    rule = "-" * len(line(["-" * w for w in widths]))
    out = [line(header), rule]
    out += [rule if row is None else line(row) for row in rows]
    return "\n".join(out), misses, failures


def render_json(report: dict) -> str:
    return json.dumps(report, separators=(",", ":"), sort_keys=False, default=str)
