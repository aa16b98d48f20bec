# load-alerts.sh — sourced by load-faults.sh for `--scenario alerts` and `alerts-ramp` (issue
# 21). The bot runs outside tgsim (tgsim on a fixed port, the bot pointed at it), so it keeps
# Redis and its subscriptions across tgsim runs, and the offer is appended to its copy of the
# catalog (CATALOG_POLL=1s) once tgsim's users have started.
#   alerts       phase 1 (alerts-subscribe.json): users press 🔔 on Emploi in Mbacké or
#                Bambey; phase 2 (alerts-wait.json, the same user ids): the offer is added;
#                Mbacké users expect it within 60 s, Bambey users sleep 60 s and must get nothing
#   alerts-ramp  the 300-user ramp with BROADCAST (default 20,000) more tgsim users who only
#                sleep, subscribed directly in Redis (scripts/alertsubs); run once without an
#                offer and once with it added as the ramp starts: the ramp's p99 during the
#                broadcast against without
# Both use --enforce-limits (--chat-burst 10 where users converse, as `surge`).
# Uses load-faults.sh's scenario, out, repo, bot_bin, redis_url, rport, free_port, bg_pids.
sc="$repo/scripts/scenarios"
token=123456789:TGSIM-fake-token
tport=$(free_port)

# tgsim_phase NAME SCENARIO [flags]: one tgsim run on the fixed port, in the background.
tgsim_phase() {
	local name=$1 scen=$2
	shift 2
	"$out/tgsim" --scenario "$scen" --addr "127.0.0.1:$tport" --token "$token" --json "$out/$name.json" \
		--transcript "$out/$name.txt" --transcript-users "${TRANSCRIPT_USERS:-100000}" --deadline 5m -v "$@" \
		>"$out/$name.summary" 2>"$out/$name.stderr" &
	tg_pid=$!
	bg_pids+=("$tg_pid")
	for _ in $(seq 100); do grep -q "fake Bot API at" "$out/$name.stderr" 2>/dev/null && return 0; sleep 0.1; done
	echo "load.sh: tgsim did not start" >&2
	return 1
}

# start_bot NAME: the bot on a fresh copy of the catalog, polling tgsim's port.
start_bot() {
	cp "$repo/catalog/catalog.yaml" "$out/catalog.yaml"
	TELEGRAM_BOT_TOKEN=$token TELEGRAM_API_URL=http://127.0.0.1:$tport REDIS_URL=$redis_url \
		CATALOG_FILE="$out/catalog.yaml" CATALOG_POLL=1s HTTP_ADDR=127.0.0.1:$(free_port) \
		LOG_LEVEL=info LOG_FORMAT=json "$bot_bin" bot >"$out/$1-bot.log" 2>&1 &
	bot_pid=$!
	bg_pids+=("$bot_pid")
}

stop_bot() { kill "$bot_pid" 2>/dev/null || true; wait "$bot_pid" 2>/dev/null || true; }

# add_offer NAME: once tgsim NAME's users exist, append an Emploi offer for Mbacké (test-only,
# no contact) to the bot's catalog copy; sets added to the time the file changed.
add_offer() {
	for _ in $(seq 300); do grep -q "starting .* users" "$out/$1.stderr" && break; sleep 0.1; done
	sleep 2 # the users exist (an alert before them finds no chat), the bot's first check is done
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
}

# alerts_check: issue 21's done-when, in two tgsim runs against one bot.
alerts_check() {
	redis-cli -p "$rport" flushall >/dev/null
	echo "== alerts: phase 1 (subscribe)" >&2
	tgsim_phase alerts-subscribe "$sc/alerts-subscribe.json" --enforce-limits --chat-burst 10
	start_bot alerts
	wait "$tg_pid" || true
	echo "subscriptions: Mbacké $(redis-cli -p "$rport" scard 'sy:{al}:s:emploi:d-mbacke'), Bambey $(redis-cli -p "$rport" scard 'sy:{al}:s:emploi:d-bambey')" >&2
	echo "== alerts: phase 2 (offer added, users wait)" >&2
	tgsim_phase alerts-wait "$sc/alerts-wait.json" --enforce-limits
	add_offer alerts-wait
	wait "$tg_pid" || true
	stop_bot
	python3 "$repo/scripts/alerts_report.py" check "$out" "$added"
}

# ramp_run NAME OFFER: the ramp plus BROADCAST sleeping subscribers; OFFER=1 starts the broadcast.
ramp_run() {
	local name=$1 n=${BROADCAST:-20000}
	redis-cli -p "$rport" flushall >/dev/null
	"$out/alertsubs" -redis "$redis_url" -n "$n" -base 5300000301 >&2
	python3 - "$sc/ramp.json" "$out/alerts-ramp.json" "$n" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["users"].append({"name": "subscribers", "count": int(sys.argv[3]), "script": [{"sleep": "50s"}]})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
	echo "== $name" >&2
	tgsim_phase "$name" "$out/alerts-ramp.json" --enforce-limits --chat-burst 10
	start_bot "$name"
	added=0
	if [ "$2" = 1 ]; then add_offer "$name"; fi
	wait "$tg_pid" || true
	stop_bot
	python3 "$repo/scripts/alerts_report.py" ramp "$out" "$added" "$name"
}

case "$scenario" in
alerts) alerts_check ;;
alerts-ramp)
	(cd "$repo" && CGO_ENABLED=0 go build -o "$out/alertsubs" ./scripts/alertsubs)
	TRANSCRIPT_USERS=300
	ramp_run ramp-quiet 0
	ramp_run ramp-broadcast 1 ;;
esac
