# load-alerts.sh — sourced by load-faults.sh for `--scenario alerts` (issue 21's "Done when"):
# the bot runs outside tgsim, so it keeps its Redis and subscriptions across two tgsim runs
# on one port. Phase 1: users press 🔔 (alerts-subscribe.json). Phase 2: a new tgsim with
# the same user ids (alerts-wait.json); once its users have started, an Emploi offer for
# Mbacké (test-only, no contact) is appended to the bot's copy of the catalog. Mbacké users
# expect it within 60 s; Bambey users sleep 60 s and must receive nothing.
# Uses load-faults.sh's out, repo, bot_bin, redis_url, rport, free_port, bg_pids.
sc="$repo/scripts/scenarios"
token=123456789:TGSIM-fake-token
tport=$(free_port)
cp "$repo/catalog/catalog.yaml" "$out/catalog.yaml"
redis-cli -p "$rport" flushall >/dev/null

# tgsim_phase NAME SCENARIO [flags]: one tgsim run on the fixed port, in the background.
tgsim_phase() {
	local name=$1 scen=$2
	shift 2
	"$out/tgsim" --scenario "$scen" --addr "127.0.0.1:$tport" --token "$token" --json "$out/$name.json" \
		--transcript "$out/$name.txt" --transcript-users 100000 --deadline 5m -v "$@" \
		>"$out/$name.summary" 2>"$out/$name.stderr" &
	tg_pid=$!
	bg_pids+=("$tg_pid")
	for _ in $(seq 100); do grep -q "fake Bot API at" "$out/$name.stderr" 2>/dev/null && return 0; sleep 0.1; done
	echo "load.sh: tgsim did not start" >&2
	return 1
}

echo "== alerts: phase 1 (subscribe)" >&2
tgsim_phase alerts-subscribe "$sc/alerts-subscribe.json" --chat-burst "${CHAT_BURST:-10}" --enforce-limits
TELEGRAM_BOT_TOKEN=$token TELEGRAM_API_URL=http://127.0.0.1:$tport REDIS_URL=$redis_url \
	CATALOG_FILE="$out/catalog.yaml" CATALOG_POLL=1s HTTP_ADDR=127.0.0.1:$(free_port) \
	LOG_LEVEL=info LOG_FORMAT=json "$bot_bin" bot >"$out/alerts-bot.log" 2>&1 &
bot_pid=$!
bg_pids+=("$bot_pid")
wait "$tg_pid" || true
echo "subscriptions: Mbacké $(redis-cli -p "$rport" scard 'sy:{al}:s:emploi:d-mbacke'), Bambey $(redis-cli -p "$rport" scard 'sy:{al}:s:emploi:d-bambey')" >&2

echo "== alerts: phase 2 (offer added, users wait)" >&2
tgsim_phase alerts-wait "$sc/alerts-wait.json" --enforce-limits
for _ in $(seq 300); do grep -q "starting .* users" "$out/alerts-wait.stderr" && break; sleep 0.1; done
sleep 0.5 # the users exist: an alert before them would find no chat
python3 - "$out/catalog.yaml" <<'PY'
import sys
p = sys.argv[1]
call = """
  - id: test-appel-mbacke
    organization: anpej
    name: {fr: "Appel de test pour Mbacké"}
    summary: {fr: "Offre de test ajoutée pendant le test de charge des alertes."}
    audiences: [retour, jeune, famille, autre]
    needs: [emploi]
    area: {departments: [mbacke]}
    status: active
    sources: [https://anpej.sn]
    verified: 2026-11-29
"""
text = open(p).read()
assert "\ninfo_pages:" in text
open(p + ".new", "w").write(text.replace("\ninfo_pages:", call + "\ninfo_pages:", 1))
PY
mv "$out/catalog.yaml.new" "$out/catalog.yaml"
added=$(date +%s.%N)
date -u +%T >"$out/alerts-added"
wait "$tg_pid" || true
kill "$bot_pid" 2>/dev/null || true
wait "$bot_pid" 2>/dev/null || true

python3 - "$out" "$added" <<'PY'
import json, re, sys, datetime
out, added = sys.argv[1], float(sys.argv[2])
sub, w = json.load(open(out + "/alerts-subscribe.json")), json.load(open(out + "/alerts-wait.json"))
day = datetime.datetime.fromtimestamp(added).date()
sends = []
for line in open(out + "/alerts-wait.stderr"):
    m = re.match(r"tgsim: (\d\d:\d\d:\d\d) api: sendMessage -> (\S+)", line)
    if m:
        t = datetime.datetime.combine(day, datetime.time.fromisoformat(m.group(1))).timestamp()
        sends.append((t, m.group(2)))
ok = [t for t, r in sends if r == "ok"]
def rl(d):
    return d.get("violations_by_kind", {}).get("rate_limited", 0)
print("| phase | users completed | failures | messages sent | rate_limited | violations |")
print("|---|---|---|---|---|---|")
for name, d in (("subscribe", sub), ("offer added, wait", w)):
    print(f'| {name} | {d["users_completed"]}/{d["users"]} | {d["failures_by_kind"] or 0} | '
          f'{d["messages_sent"]} | {rl(d)} | {d["violations_by_kind"] or 0} |')
if ok:
    print(f"alerts accepted: {len(ok)}; first {min(ok) - added:.0f} s, last {max(ok) - added:.0f} s after the file changed "
          f"(tgsim's log has 1 s resolution); refused sendMessage: {sum(1 for _, r in sends if r != 'ok')}")
else:
    print("no alert was sent")
mb = w["users_completed"]
print(f"phase 2 sent {w['messages_sent']} messages, {mb} users completed: "
      + ("each Mbacké user got its alert and Bambey users nothing" if w["messages_sent"] == 100 and mb == 150 else "CHECK the transcript"))
PY
