#!/usr/bin/env bash
# load-faults.sh — issue 19's fault scenarios, run by `scripts/load.sh --scenario NAME`:
# Sama Yoon under ../shared/tools/tgsim while Redis, a replica or Telegram misbehaves.
#
# NAME is one of
#   redis-3s        Redis killed (SIGKILL) 10 s into the 300-user ramp, back 3 s later from its
#                   AOF file; polling, then webhook
#   redis-30s       the same with 30 s down (steps may wait 60 s); redis-3s-webhook etc. run one mode
#   replica-kill    webhook, two replicas behind a real Caddy (Debian's package, the Caddyfile
#                   of compose.yaml with local addresses), one SIGKILLed 10 s into the ramp
#   rolling-restart the same two replicas; 8 s in, one gets SIGTERM and is started again, then
#                   the other
#   api-faults      5 % of sends and edits refused (500 or 429) on the 2,000-user journey
#   surge           the ramp against tgsim's model limits (--enforce-limits --chat-burst 10)
#   alerts          issue 21's check: users who pressed 🔔 on Emploi in Mbacké get one alert
#                   within 60 s of an offer added to the catalog file, Bambey users nothing
#   alerts-ramp     the 300-user ramp without and during a broadcast to 20,000 subscribers
#                   (both: scripts/load-alerts.sh; not part of `all`)
#   all             every one of them
# Each prints one table row: users completed, lost updates, duplicate answers, outage notices,
# apologies, longest wait for a real answer (scripts/scenario_report.py says how each is counted).
# env: OUT (results dir), BOT_BIN (default /tmp/samayoon), BOT_BUILD=0 (use BOT_BIN as it is),
#      USERS (journey users for api-faults, default 2000).
set -euo pipefail

scenario=${1:?usage: load-faults.sh NAME}
repo=$(cd "$(dirname "$0")/.." && pwd)
# tgsim sits in ../shared/tools/tgsim next to the repo (or next to the worktrees' directory).
tgsim_src=${TGSIM_SRC:-$(dirname "$repo")/shared/tools/tgsim}
[ -f "$tgsim_src/go.mod" ] || tgsim_src=$(dirname "$(dirname "$repo")")/shared/tools/tgsim
[ -f "$tgsim_src/go.mod" ] || { echo "load.sh: tgsim not found at $tgsim_src" >&2; exit 2; }
for cmd in go redis-server redis-cli python3; do
	command -v "$cmd" >/dev/null || { echo "load.sh: $cmd is required" >&2; exit 2; }
done
out=${OUT:-$(mktemp -d /tmp/samayoon-faults.XXXXXX)}
mkdir -p "$out"
bot_bin=${BOT_BIN:-/tmp/samayoon}
echo "== building into $out" >&2
(cd "$tgsim_src" && go build -o "$out/tgsim" .)
if [ "${BOT_BUILD:-1}" != 0 ]; then (cd "$repo" && CGO_ENABLED=0 go build -o "$bot_bin" .); fi

# free_port asks the kernel for an unused loopback port.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

rport=$(free_port)
mkdir -p "$out/redis"
# start_redis starts redis-server with AOF (as compose.yaml runs it) and waits for PING.
start_redis() {
	redis-server --port "$rport" --bind 127.0.0.1 --dir "$out/redis" --save '' --appendonly yes \
		--appendfsync everysec --protected-mode yes --logfile "$out/redis.log" &
	echo $! >"$out/redis.pid"
	for _ in $(seq 50); do redis-cli -p "$rport" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
	echo "load.sh: redis-server did not start" >&2
	return 1
}
kill_redis() { kill -9 "$(cat "$out/redis.pid")" 2>/dev/null || true; }
bg_pids=()
cleanup() {
	for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	kill "$(cat "$out/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT
start_redis
redis_url="redis://127.0.0.1:$rport/0"

# The ramp's and the journey's scenario files, the journey with USERS users.
python3 - "$repo/scripts/scenarios/journey.json" "$out/journey.json" "${USERS:-2000}" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["users"][0]["count"] = int(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ramp="$repo/scripts/scenarios/ramp.json"

# bot_env MODE prints the bot's environment for tgsim's --run (tgsim fills in the $TGSIM_ ones).
bot_env() {
	local env="REDIS_URL=$redis_url LOG_LEVEL=${BOT_LOG_LEVEL:-warn} TELEGRAM_MODE=$1"' HTTP_ADDR=$TGSIM_WEBHOOK_ADDR'
	if [ "$1" = webhook ]; then env="$env"' WEBHOOK_URL=$TGSIM_WEBHOOK_URL WEBHOOK_SECRET=$TGSIM_WEBHOOK_SECRET'; fi
	echo "$env"
}

header=--header
# run NAME SCENARIO RUN [tgsim flags...]: one tgsim run, then its table row.
run() {
	local name=$1 sc=$2 cmd=$3
	shift 3
	echo "== $name" >&2
	redis-cli -p "$rport" flushall >/dev/null
	"$out/tgsim" --scenario "$sc" --run "$cmd" --json "$out/$name.json" --bot-log "$out/$name.log" \
		--transcript "$out/$name.txt" --transcript-users 100000 --deadline 5m --quiet "$@" \
		>"$out/$name.summary" 2>&1 || true
	python3 "$repo/scripts/scenario_report.py" "$name" "$out/$name.json" "$out/$name.txt" $header
	header=
}

# redis_outage SECONDS MODE: the ramp with Redis killed 10 s in and started again SECONDS later.
redis_outage() {
	local down=$1 mode=$2 timeout=15s
	[ "$down" -lt 15 ] || timeout=60s
	(sleep 10; kill_redis; sleep "$down"; start_redis >/dev/null) &
	bg_pids+=($!)
	run "redis-${down}s-$mode" "$ramp" "$(bot_env "$mode") exec $bot_bin bot" --step-timeout "$timeout"
	wait "${bg_pids[-1]}" 2>/dev/null || true
}

# caddy_replicas ACTION: a script for tgsim's --run that starts Caddy from compose.yaml in
# front of two webhook replicas (start_replica N starts replica N and sets rN to its pid) and
# then runs ACTION (shell text) against them.
caddy_replicas() {
	command -v caddy >/dev/null || { echo "load.sh: caddy is required (apt-get install caddy)" >&2; exit 2; }
	local p1 p2 env
	p1=127.0.0.1:$(free_port)
	p2=127.0.0.1:$(free_port)
	python3 - "$repo/compose.yaml" "$out/Caddyfile.in" "$p1" "$p2" <<'PY'
import sys
src, dst, p1, p2 = sys.argv[1:5]
text = open(src).read()
block = text[text.index("  caddyfile:\n    content: |\n"):].split("\n")[2:]
lines = []
for line in block:
    if line and not line.startswith("      "):
        break
    lines.append(line[6:])
cf = "\n".join(lines)
for old, new in (("${PUBLIC_HOST:-localhost} {", "http://@ADDR@ {"),
                 ("samayoon-bot-1:8080 samayoon-bot-2:8080", p1 + " " + p2)):
    assert old in cf, "compose.yaml's Caddyfile changed: " + old
    cf = cf.replace(old, new)
open(dst, "w").write("{\n\tadmin off\n\tauto_https off\n}\n" + cf)
PY
	env=$(bot_env webhook | sed 's/HTTP_ADDR=\$TGSIM_WEBHOOK_ADDR//')
	cat >"$out/replicas.sh" <<EOF
#!/bin/sh
# Started by tgsim: Caddy on \$TGSIM_WEBHOOK_ADDR, two replicas behind it, then the action.
sed "s/@ADDR@/\$TGSIM_WEBHOOK_ADDR/" "$out/Caddyfile.in" >"$out/Caddyfile"
XDG_DATA_HOME="$out/caddy" XDG_CONFIG_HOME="$out/caddy" caddy run --config "$out/Caddyfile" --adapter caddyfile >"$out/caddy.log" 2>&1 &
addr1=$p1
addr2=$p2
start_replica() {
	eval "$env HTTP_ADDR=\\\$addr\$1 $bot_bin bot &"
	eval "r\$1=\$!"
}
# ready N waits (at most 15 s) until replica N answers /readyz.
ready() {
	for _ in \$(seq 75); do eval "curl -sf -o /dev/null http://\\\$addr\$1/readyz" && return 0; sleep 0.2; done
}
start_replica 1
start_replica 2
$1
wait
EOF
}

# replica_kill: the first of two replicas is SIGKILLed 10 s into the ramp.
replica_kill() {
	caddy_replicas '(sleep 10; kill -9 $r1) &'
	run replica-kill "$ramp" "sh $out/replicas.sh"
}

# rolling_restart: 8 s into the ramp the first replica gets SIGTERM, is started again once it
# has exited and, 4 s after it is ready (two of Caddy's health checks), the second one the same.
rolling_restart() {
	caddy_replicas 'sleep 8
for n in 1 2; do
	eval "kill -TERM \$r$n; wait \$r$n"
	echo "rolling-restart: replica $n stopped at $(date +%T.%N)" >&2
	start_replica $n
	ready $n
	echo "rolling-restart: replica $n ready at $(date +%T.%N)" >&2
	sleep 4
done'
	run rolling-restart "$ramp" "sh $out/replicas.sh"
}

case "$scenario" in
redis-3s | redis-30s)
	s=${scenario#redis-}
	redis_outage "${s%s}" polling
	redis_outage "${s%s}" webhook ;;
redis-3s-polling | redis-3s-webhook | redis-30s-polling | redis-30s-webhook)
	s=${scenario#redis-}
	redis_outage "${s%%s-*}" "${s#*-}" ;;
replica-kill) replica_kill ;;
rolling-restart) rolling_restart ;;
api-faults) run api-faults "$out/journey.json" "$(bot_env polling) exec $bot_bin bot" --fail-rate 0.05 ;;
surge) run surge "$ramp" "$(bot_env polling) exec $bot_bin bot" --enforce-limits --chat-burst 10 ;;
alerts | alerts-ramp) . "$repo/scripts/load-alerts.sh" ;;
all)
	for d in 3 30; do redis_outage "$d" polling; redis_outage "$d" webhook; done
	replica_kill
	rolling_restart
	run api-faults "$out/journey.json" "$(bot_env polling) exec $bot_bin bot" --fail-rate 0.05
	run surge "$ramp" "$(bot_env polling) exec $bot_bin bot" --enforce-limits --chat-burst 10 ;;
*) echo "load.sh: unknown scenario $scenario (redis-3s, redis-30s, replica-kill, rolling-restart, api-faults, surge, alerts, alerts-ramp, all)" >&2; exit 2 ;;
esac
echo "raw reports: $out" >&2
