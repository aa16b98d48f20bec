#!/usr/bin/env bash
# load.sh — issue 8's end-to-end load test: Sama Yoon against the physical floor
# (scripts/floor), in one run, with a real redis-server and ../shared/tools/tgsim.
#
# usage: scripts/load.sh [--floor-only] [--users N] | --scenario NAME
#   --floor-only  measure the floor alone (when the bot does not build yet)
#   --users N     users of the all-at-once journey (default 2000)
#   --scenario NAME  a fault scenario instead (Redis down, a replica killed, API faults, a
#                 surge against rate limits): see scripts/load-faults.sh
# env: OUT (results dir, default a new /tmp/samayoon-load.*), BOT_BIN (default
#      /tmp/samayoon), CATALOG_FILE (passed to the bot), RAMP=0 skips the ramp runs,
#      BOT_BUILD=0 runs BOT_BIN as it is (e.g. an older build for an A/B comparison),
#      REPEAT=N runs each floor/bot pair N times, interleaved, and adds median ratios.
# Only loopback is used; redis-server runs on a free port and is stopped at exit.
set -euo pipefail

floor_only=0
users=2000
while [ $# -gt 0 ]; do
	case "$1" in
	--floor-only) floor_only=1 ;;
	--users) users="$2"; shift ;;
	--scenario) exec bash "$(dirname "$0")/load-faults.sh" "$2" ;;
	*) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
tgsim_src="$(dirname "$repo")/shared/tools/tgsim"
if [ ! -f "$tgsim_src/go.mod" ]; then
	echo "load.sh: tgsim not found at $tgsim_src (expected ../shared/tools/tgsim next to the repo)" >&2
	exit 2
fi
for cmd in go redis-server redis-cli python3; do
	command -v "$cmd" >/dev/null || { echo "load.sh: $cmd is required" >&2; exit 2; }
done
out=${OUT:-$(mktemp -d /tmp/samayoon-load.XXXXXX)}
mkdir -p "$out"
bot_bin=${BOT_BIN:-/tmp/samayoon}

echo "== building into $out" >&2
(cd "$tgsim_src" && go build -o "$out/tgsim" .)
(cd "$repo" && CGO_ENABLED=0 go build -o "$out/floor" ./scripts/floor)
if [ "$floor_only" = 0 ] && [ "${BOT_BUILD:-1}" != 0 ]; then
	(cd "$repo" && CGO_ENABLED=0 go build -o "$bot_bin" .)
fi

# free_port asks the kernel for an unused loopback port.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no \
	--protected-mode yes --logfile "$out/redis.log" &
redis_pid=$!
cleanup() { kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
trap cleanup EXIT
rcli() { redis-cli -h 127.0.0.1 -p "$rport" "$@"; }
for _ in $(seq 50); do rcli ping >/dev/null 2>&1 && break; sleep 0.1; done
rcli ping >/dev/null || { echo "load.sh: redis-server did not start" >&2; exit 1; }
redis_url="redis://127.0.0.1:$rport/0"

# Scenarios: the bot's own, and the floor's copy with the same steps whose expects match any text.
sc="$repo/scripts/scenarios"
for s in journey ramp; do
	python3 - "$sc/$s.json" "$out/scenario-floor-$s.json" "$users" "$s" <<'PY'
import json, sys
src, dst, users, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
d = json.load(open(src))
if name == "journey":
    d["users"][0]["count"] = users
json.dump(d, open(dst.replace("-floor-", "-bot-"), "w"), ensure_ascii=False)
for steps in d["scripts"].values():
    for st in steps:
        if "expect" in st:
            st["expect"] = "."
json.dump(d, open(dst, "w"), ensure_ascii=False)
PY
done

# proc_cpu PID prints the process' user+system CPU seconds so far.
proc_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"
}

# measure NAME SCENARIO BIN MODE: one tgsim run with a fresh Redis, then Redis memory by key kind.
measure() {
	local name=$1 scenario=$2 bin=$3 mode=$4 env
	# HTTP_ADDR always gets tgsim's free loopback port: the bot's health server would take :8080.
	env="REDIS_URL=$redis_url LOG_LEVEL=warn TELEGRAM_MODE=$mode"' HTTP_ADDR=$TGSIM_WEBHOOK_ADDR'
	if [ "$mode" = webhook ]; then
		env="$env"' WEBHOOK_URL=$TGSIM_WEBHOOK_URL WEBHOOK_SECRET=$TGSIM_WEBHOOK_SECRET'
	fi
	if [ -n "${CATALOG_FILE:-}" ]; then env="$env CATALOG_FILE=$CATALOG_FILE"; fi
	rcli flushall >/dev/null
	rcli config resetstat >/dev/null
	local before
	before=$(rcli info memory | awk -F: '/^used_memory:/{print $2+0}')
	echo "== $name" >&2
	local rcpu0
	rcpu0=$(proc_cpu "$redis_pid")
	# bash's time: user and system CPU of tgsim and of the bot it runs and waits for.
	local TIMEFORMAT='%U %S'
	{ time "$out/tgsim" --scenario "$scenario" --run "$env exec $bin" --json "$out/$name.json" \
		--bot-log "$out/$name.log" --deadline 3m --quiet >"$out/$name.txt" 2>&3 || true; } 3>&2 2>"$out/$name.time"
	echo "$(proc_cpu "$redis_pid") $rcpu0" >"$out/$name.rcpu"
	local after
	after=$(rcli info memory | awk -F: '/^used_memory:/{print $2+0}')
	rcli info commandstats >"$out/$name.cmdstats"
	rcli --scan >"$out/$name.keys"
	sed 's/^/MEMORY USAGE /' "$out/$name.keys" | rcli >"$out/$name.usage"
	python3 - "$out/$name" "$before" "$after" <<'PY'
import json, re, sys
base, before, after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
keys = open(base + ".keys").read().split()
usage = [int(x or 0) for x in open(base + ".usage").read().split()]
kinds = {}
for k, u in zip(keys, usage):
    kind = re.sub(r"\d+", "#", k)
    n, b = kinds.get(kind, (0, 0))
    kinds[kind] = (n + 1, b + u)
cmds = {}
for line in open(base + ".cmdstats"):
    if line.startswith("cmdstat_"):
        name, rest = line[8:].split(":", 1)
        cmds[name] = int(rest.split(",")[0].split("=")[1])
for n in ("flushall", "config|resetstat", "info", "scan"):
    cmds.pop(n, None)
json.dump({"used_memory_delta": after - before, "keys": len(keys), "commands": cmds,
           "kinds": {k: {"keys": n, "bytes": b} for k, (n, b) in kinds.items()}},
          open(base + ".redis.json", "w"))
PY
}

# REPEAT=N runs every pair N times, interleaved (floor, bot, floor, bot...), as -1..-N;
# the summary then adds the median of each ratio: one run on a shared machine is noise.
repeat=${REPEAT:-1}
for i in $(seq "$repeat"); do
	sfx=""
	[ "$repeat" = 1 ] || sfx="-$i"
	measure "floor-polling$sfx" "$out/scenario-floor-journey.json" "$out/floor" polling
	[ "$floor_only" = 1 ] || measure "bot-polling$sfx" "$out/scenario-bot-journey.json" "$bot_bin bot" polling
	measure "floor-webhook$sfx" "$out/scenario-floor-journey.json" "$out/floor" webhook
	[ "$floor_only" = 1 ] || measure "bot-webhook$sfx" "$out/scenario-bot-journey.json" "$bot_bin bot" webhook
	if [ "${RAMP:-1}" != 0 ]; then
		measure "floor-ramp$sfx" "$out/scenario-floor-ramp.json" "$out/floor" polling
		[ "$floor_only" = 1 ] || measure "bot-ramp$sfx" "$out/scenario-bot-ramp.json" "$bot_bin bot" polling
	fi
done

python3 - "$out" "$repeat" "${RAMP:-1}" "$floor_only" <<'PY'
import json, os, statistics, sys
out, repeat = sys.argv[1], int(sys.argv[2])
# The runs of this invocation only: a reused OUT directory may hold older ones.
sfxs = [""] if repeat == 1 else [str(i) for i in range(1, repeat + 1)]
modes = ("polling", "webhook") + (("ramp",) if sys.argv[3] != "0" else ())
who = ("floor",) if sys.argv[4] == "1" else ("floor", "bot")
runs = [f"{w}-{m}" + (f"-{x}" if x else "") for x in sfxs for m in modes for w in who]
rows = {}
for r in runs:
    p = os.path.join(out, r + ".json")
    if not os.path.exists(p):
        continue
    d = json.load(open(p))
    m = json.load(open(os.path.join(out, r + ".redis.json")))
    bp = d.get("bot_process") or {}
    steps = d.get("steps") or 0
    sess = [v for k, v in m["kinds"].items() if k.endswith(":s") or k.startswith("floor:")]
    sess_n = sum(v["keys"] for v in sess)
    rows[r] = {
        "users": f'{d["users_completed"]}/{d["users"]}', "steps": steps,
        "steps/s": d["throughput_steps_per_second"],
        "p50 ms": d["latency"]["p50_ms"], "p99 ms": d["latency"]["p99_ms"],
        "CPU s/1k steps": bp.get("cpu_seconds", 0) * 1000 / steps if steps else 0,
        "peak RSS MB": bp.get("peak_rss_mb", 0),
        "violations": d["violations"], "failures": d["failures"],
        "lost upd": d["lost_updates"], "lost replies": d["lost_replies"],
        "Redis B/chat": m["used_memory_delta"] / sess_n if sess_n else 0,
        "sigterm exit s": bp.get("seconds_to_exit_after_sigterm", -1),
        "Redis cmds/upd": sum(m["commands"].values()) / d["updates_created"] if d["updates_created"] else 0,
    }
    # Whole-machine CPU per 1,000 steps: tgsim's time includes the bot it ran (its child).
    tg_total = sum(map(float, open(os.path.join(out, r + ".time")).read().split()[-2:]))
    r1, r0 = map(float, open(os.path.join(out, r + ".rcpu")).read().split())
    k = 1000 / steps if steps else 0
    rows[r]["tgsim CPU s/1k"] = (tg_total - bp.get("cpu_seconds", 0)) * k
    rows[r]["Redis CPU s/1k"] = (r1 - r0) * k
    rows[r]["all CPU s/1k"] = (tg_total + r1 - r0) * k
    rows[r]["_cmds"] = ", ".join(f"{k} {v}" for k, v in sorted(m["commands"].items(), key=lambda kv: -kv[1]))
    kinds = ", ".join(f'{k} {v["keys"]} keys x {v["bytes"]/v["keys"]:.0f} B' for k, v in m["kinds"].items() if v["keys"])
    rows[r]["_kinds"] = kinds or "none"
cols = ["users", "steps", "steps/s", "p50 ms", "p99 ms", "CPU s/1k steps", "peak RSS MB",
        "violations", "failures", "lost upd", "lost replies", "Redis B/chat", "Redis cmds/upd", "sigterm exit s",
        "tgsim CPU s/1k", "Redis CPU s/1k", "all CPU s/1k"]
fmt = lambda v: f"{v:.2f}" if isinstance(v, float) else str(v)
print("| run | " + " | ".join(cols) + " |")
print("|---" * (len(cols) + 1) + "|")
for r, v in rows.items():
    print(f"| {r} | " + " | ".join(fmt(v[c]) for c in cols) + " |")
print()
print("Redis MEMORY USAGE by key kind (digits shown as #):")
for r, v in rows.items():
    print(f"- {r}: {v['_kinds']}")
print()
print("Redis commands by name (connection setup included):")
for r, v in rows.items():
    print(f"- {r}: {v['_cmds'] or 'none'}")
print()
print("| ratio bot/floor | steps/s (>=0.9) | CPU per step (<=1.5) | peak RSS (<2.5) | p99 | all CPU per step |")
print("|---|---|---|---|---|---|")
ratios = {}
for x in sfxs:
    for mode in modes:
        name = mode + (f"-{x}" if x else "")
        b, f = rows.get("bot-" + name), rows.get("floor-" + name)
        if not b or not f:
            continue
        q = lambda k: b[k] / f[k] if f[k] else float("nan")
        r = [q("steps/s"), q("CPU s/1k steps"), q("peak RSS MB"), q("p99 ms"), q("all CPU s/1k")]
        ratios.setdefault(mode, []).append(r)
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in r) + " |")
if len(sfxs) > 1:
    for mode, rs in ratios.items():
        med = [statistics.median(col) for col in zip(*rs)]
        print(f"| {mode}, median of {len(rs)} | " + " | ".join(f"{v:.2f}" for v in med) + " |")
PY
echo "raw reports: $out" >&2
