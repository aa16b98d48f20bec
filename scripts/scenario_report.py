#!/usr/bin/env python3
"""scenario_report.py: one Markdown table row for a load.sh fault scenario.

usage: scenario_report.py NAME REPORT.json TRANSCRIPT.txt [--header]

Reads tgsim's JSON report and a transcript of every user, and prints:
users completed, lost updates, duplicate answers, outage notices, apologies, the longest
wait for a real answer, how many button presses got a new message instead of an edit (each
press edits its message with one replica), and the Telegram-side figures (429 share, lost replies, sends/s).

- A duplicate answer is a bot message or edit identical to the bot's previous output in
  that chat with no user action in between, or a Telegram refusal that only a second
  answer to the same update causes (message_not_modified, callback answered twice).
- The longest wait runs from a user action to the first message or edit that is neither
  the outage notice nor the old apology (toasts and "typing…" do not count).
"""
import json
import re
import sys

NOTICE = re.compile(r"Un petit souci technique|Am na jafe-jafe bu tuuti")
APOLOGY = re.compile(r"momentanément indisponible|Réessayez dans quelques minutes")
EVENT = re.compile(r"^\+\s*([0-9.]+)s  (\S+)\s+(.*)$")
OUTPUT = re.compile(r"^(sendMessage|editMessageText|editMessageReplyMarkup|sendVenue|sendContact|sendLocation) #")


def events(path):
    """Yields (user, seconds, who, first line, body) for every transcript event."""
    user, cur = None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("=== User "):
            if cur:
                yield cur
            user, cur = line, None
            continue
        m = EVENT.match(line)
        if m:
            if cur:
                yield cur
            cur = [user, float(m.group(1)), m.group(2), m.group(3), m.group(3)]
        elif cur and line.strip():
            cur[4] += "\n" + line.strip()
    if cur:
        yield cur


def transcript_figures(path):
    dups = notices = apologies = new_screens = 0
    noticed = set()
    longest = 0.0
    last_out, asked_at, user, pressed = {}, None, None, False
    for u, t, who, first, body in events(path):
        if u != user:
            user, asked_at, last_out = u, None, {}
        if who == "USER":
            asked_at, last_out, pressed = t, {}, first.startswith("presses")
            continue
        if who != "BOT" or not OUTPUT.match(first):
            continue
        text = body.split("\n", 1)[1] if "\n" in body else ""
        if NOTICE.search(text):
            notices += 1
            noticed.add(u)
            continue
        if APOLOGY.search(text):
            apologies += 1
            continue
        kind = first.split(" ")[0]
        if last_out.get("prev") == (kind, text):
            dups += 1
        last_out["prev"] = (kind, text)
        if asked_at is not None:
            longest = max(longest, t - asked_at)
            asked_at = None
            new_screens += pressed and kind == "sendMessage"
    return dups, f"{notices} in {len(noticed)} chats", apologies, longest, new_screens


def main():
    name, report, transcript = sys.argv[1:4]
    d = json.load(open(report))
    dups, notices, apologies, longest, new_screens = transcript_figures(transcript)
    v = d.get("violations_by_kind") or {}
    dups += v.get("message_not_modified", 0) + v.get("callback_answered_twice", 0)
    sends = sum(n for m, n in (d.get("api_calls") or {}).items() if m.startswith(("send", "edit")) and m != "sendChatAction")
    r429 = sum(n for k, n in (d.get("api_errors") or {}).items() if k.endswith(" 429"))
    wall = d.get("wall_seconds") or 0
    cols = ["scenario", "users completed", "lost updates", "duplicate answers", "notices", "apologies",
            "longest wait s", "presses answered by a new message", "lost replies", "429 share of sends", "sends+edits/s", "failures"]
    row = [name, f'{d["users_completed"]}/{d["users"]}', d["lost_updates"], dups, notices, apologies,
           f"{longest:.1f}", f'{new_screens}/{d.get("callback_queries", 0)}', d["lost_replies"], f"{(r429 / sends if sends else 0):.1%}",
           f"{(sends - r429) / wall if wall else 0:.1f}", ", ".join(f"{k} {n}" for k, n in (d.get("failures_by_kind") or {}).items()) or "0"]
    if "--header" in sys.argv:
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
    print("| " + " | ".join(str(x) for x in row) + " |")


if __name__ == "__main__":
    main()
