"""The results: one dict per page (written as JSON) and one printed table."""

from __future__ import annotations

from .measure import percentiles


def page_rows(pages) -> list[dict]:
    rows = []
    for page in pages:
        own = percentiles(page.samples)
        admin = percentiles(page.admin_samples)
        seconds = sum(page.samples)
        row = {
            "key": page.key,
            "page": page.label,
            "role": page.role,
            "url": page.path,
            "status": page.status,
            "requests": len(page.samples),
            **own,
            "throughput_sequential": round(len(page.samples) / seconds, 2) if seconds else None,
            "concurrent": page.concurrent,
            "sql_queries": page.sql.get("queries"),
            "sql_ms": page.sql.get("sql_ms"),
            "in_process_ms": page.sql.get("in_process_ms"),
            "slowest_query_ms": page.sql.get("slowest_query_ms"),
            "slowest_query": page.sql.get("slowest_query"),
            "slowest_query_plan": page.sql.get("slowest_query_plan"),
            "admin": {"url": page.admin, "status": page.admin_status, **admin,
                      "sql_queries": page.admin_sql.get("queries"), "sql_ms": page.admin_sql.get("sql_ms")},
            "ratio_to_admin_p95": _ratio(own["p95_ms"], admin["p95_ms"]),
            "ratio_to_own_sql": _ratio(own["p95_ms"], page.sql.get("sql_ms")),
        }
        rows.append(row)
    return rows


def _ratio(a, b):
    if a is None or not b:
        return None
    return round(a / b, 2)


def _fmt(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


COLUMNS = ["page", "role", "status", "p50", "p95", "p99", "req/s", "4 clients p95", "4 clients req/s", "SQL q",
           "SQL ms", "admin p95", "÷ admin", "÷ SQL"]


def table_lines(rows: list[dict]) -> list[str]:
    """The results as a Markdown table (also what is printed)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * (len(COLUMNS) - 2)) + "|"]
    for r in rows:
        c = r["concurrent"] or {}
        cells = [r["page"], r["role"].replace("_", " "), str(r["status"]), _fmt(r["p50_ms"]), _fmt(r["p95_ms"]),
                 _fmt(r["p99_ms"]), _fmt(r["throughput_sequential"], 1), _fmt(c.get("p95_ms")),
                 _fmt(c.get("throughput"), 1), _fmt(r["sql_queries"]), _fmt(r["sql_ms"], 1),
                 _fmt(r["admin"]["p95_ms"]), _fmt(r["ratio_to_admin_p95"], 2), _fmt(r["ratio_to_own_sql"], 1)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def compact_lines(rows: list[dict]) -> list[str]:
    """The table README shows: one run's figures per page."""
    cols = ["page", "p50", "p95", "p99", "req/s", "4 clients req/s", "SQL queries", "SQL ms", "admin p95",
            "÷ admin", "÷ SQL"]
    lines = ["| " + " | ".join(cols) + " |", "|---|" + "---:|" * (len(cols) - 1)]
    for r in rows:
        c = r["concurrent"] or {}
        lines.append(
            f"| {r['page']} | {_fmt(r['p50_ms'])} | {_fmt(r['p95_ms'])} | {_fmt(r['p99_ms'])} | "
            f"{_fmt(r['throughput_sequential'], 1)} | {_fmt(c.get('throughput'), 1)} | {_fmt(r['sql_queries'])} | "
            f"{_fmt(r['sql_ms'])} | {_fmt(r['admin']['p95_ms'])} | {_fmt(r['ratio_to_admin_p95'], 2)} | "
            f"{_fmt(r['ratio_to_own_sql'], 1)} |")
    return lines


def summary_lines(result: dict) -> list[str]:
    rows = result["pages"]
    over = [r for r in rows if (r["ratio_to_admin_p95"] or 0) > 1.0]
    sql3 = [r for r in rows if (r["ratio_to_own_sql"] or 0) > 3.0]
    c = result.get("concurrent") or {}
    lines = [
        f"scale {result['scale']}: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in result["counts"].items()),
        f"build: {result['build'].get('build_seconds')} s (reused: {result['build'].get('reused')}); "
        f"seed pair import: {', '.join(f'{s:.2f}' for s in result['seed_import_seconds'])} s",
        f"{len(over)} of {len(rows)} pages above their admin changelist's p95; "
        f"{len(sql3)} of {len(rows)} above 3 times their own SQL time",
        f"{c.get('clients')} concurrent clients: {c.get('throughput')} requests/s over {c.get('requests')} requests",
    ]
    rp = result.get("reminder_planning") or {}
    if rp:
        lines.append(f"reminder planning ({rp.get('day')}): {rp.get('digests')} digests, deciding "
                     f"{rp.get('decide_seconds')} s ({rp.get('decide_queries')} queries), with the outbox written "
                     f"{rp.get('plan_and_write_seconds')} s")
    mem = result.get("peak_memory_mb") or {}
    lines.append(f"peak memory: gunicorn workers {mem.get('workers')} MB, measuring process {mem.get('measuring')} MB")
    return lines


def comparison_lines(before: dict, after: dict) -> list[str]:
    """Two runs' results side by side (p95, SQL, ratios), as a Markdown table."""
    old = {r["key"]: r for r in before["pages"]}
    lines = ["| page | p95 before | p95 after | SQL q before → after | SQL ms before → after | "
             "÷ admin before → after | ÷ SQL before → after | 4 clients req/s before → after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in after["pages"]:
        o = old.get(r["key"], {})
        oc, c = o.get("concurrent") or {}, r["concurrent"] or {}
        lines.append(
            f"| {r['page']} | {_fmt(o.get('p95_ms'))} | {_fmt(r['p95_ms'])} | "
            f"{_fmt(o.get('sql_queries'))} → {_fmt(r['sql_queries'])} | {_fmt(o.get('sql_ms'))} → {_fmt(r['sql_ms'])} | "
            f"{_fmt(o.get('ratio_to_admin_p95'), 2)} → {_fmt(r['ratio_to_admin_p95'], 2)} | "
            f"{_fmt(o.get('ratio_to_own_sql'), 1)} → {_fmt(r['ratio_to_own_sql'], 1)} | "
            f"{_fmt(oc.get('throughput'), 1)} → {_fmt(c.get('throughput'), 1)} |")
    return lines


def main(argv=None) -> None:
    """``python -m benchmarks.scale.report RESULT.json [LATER.json]``: the table of one run,
    or two runs side by side; ``--compact RESULT.json``: README's table."""
    import json
    import sys

    paths = list(argv if argv is not None else sys.argv[1:])
    compact = "--compact" in paths
    paths = [p for p in paths if p != "--compact"]
    runs = [json.loads(open(path).read()) for path in paths]  # noqa: SIM115
    if compact:
        lines = compact_lines(runs[0]["pages"]) + [""] + summary_lines(runs[0])
    elif len(runs) == 1:
        lines = table_lines(runs[0]["pages"]) + [""] + summary_lines(runs[0])
    else:
        lines = comparison_lines(runs[0], runs[1])
    print("\n".join(lines))


if __name__ == "__main__":
    main()
