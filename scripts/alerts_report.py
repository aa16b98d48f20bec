#!/usr/bin/env python3
"""alerts_report.py — the tables load-alerts.sh prints from tgsim's reports and -v logs.

check OUT ADDED: the done-when check's two phases, and when the alerts were accepted.
ramp OUT ADDED NAME: one ramp run: the ramp users' latency and how many alerts went out.
"""
import datetime
import json
import re
import sys


def sends(path, day):
    """(time, outcome) of each sendMessage in a tgsim -v log (1 s resolution)."""
    res = []
    for line in open(path):
        m = re.match(r"tgsim: (\d\d:\d\d:\d\d) api: sendMessage -> (\S+)", line)
        if m:
            t = datetime.datetime.combine(day, datetime.time.fromisoformat(m.group(1))).timestamp()
            res.append((t, m.group(2)))
    return res


def row(name, d):
    rl = d.get("violations_by_kind", {}).get("rate_limited", 0)
    return (f'| {name} | {d["users_completed"]}/{d["users"]} | {d["failures_by_kind"] or 0} | '
            f'{d["messages_sent"]} | {rl} | {d["violations_by_kind"] or 0} | {d["latency"]["p99_ms"]} |')


def check(out, added):
    sub, w = json.load(open(out + "/alerts-subscribe.json")), json.load(open(out + "/alerts-wait.json"))
    day = datetime.datetime.fromtimestamp(added).date()
    print("| phase | users completed | failures | messages sent | rate_limited | violations | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    print(row("1: subscribe (100 Mbacké, 50 Bambey)", sub))
    print(row("2: offer added, users wait", w))
    s = sends(out + "/alerts-wait.stderr", day)
    ok = [t for t, r in s if r == "ok"]
    if ok:
        print(f"alerts accepted: {len(ok)}; first {min(ok) - added:.0f} s, last {max(ok) - added:.0f} s after the "
              f"file changed (1 s resolution); refused sendMessage: {sum(1 for _, r in s if r != 'ok')}")
    good = w["messages_sent"] == 100 and w["users_completed"] == 150
    print(f"phase 2: {w['messages_sent']} messages, {w['users_completed']}/150 users completed: "
          + ("each Mbacké user got one alert within 60 s, Bambey users nothing" if good else "NOT MET, see the transcript"))


def ramp(out, added, name):
    d = json.load(open(f"{out}/{name}.json"))
    lat = d["latency"]
    s = sends(f"{out}/{name}.stderr", datetime.date.today())
    after = [t for t, r in s if added and t >= added]
    print(f'{name}: ramp users {d["users_completed"]}/{d["users"]} completed, latency p50 {lat["p50_ms"]} '
          f'p90 {lat["p90_ms"]} p99 {lat["p99_ms"]} ms; messages sent {d["messages_sent"]}, '
          f'violations {d["violations_by_kind"] or 0}, failures {d["failures_by_kind"] or 0}'
          + (f"; sendMessage calls after the offer: {len(after)}" if added else ""))


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(sys.argv[2], float(sys.argv[3]))
    else:
        ramp(sys.argv[2], float(sys.argv[3]), sys.argv[4])
