#!/usr/bin/env bash
# compare.sh — two builds of the bot through scripts/load.sh, interleaved, for before/after
# limits such as issue 18's: N invocations of each (default 5), alternating, then the medians
# of each build's own figures, their ratio, and the ratios paired invocation by invocation
# (the spread shows how much one set can be trusted on a shared machine).
#
# usage: scripts/compare.sh BEFORE_BIN AFTER_BIN [N]
# env: OUT (results dir, default a new /tmp/samayoon-compare.*), CATALOG_FILE (both builds
#      read the same file, so pages are the same size), USERS (the journey's users, default
#      2000: more make each run longer and less sensitive to a moment of contention), and
#      load.sh's own.
set -euo pipefail
before=${1:?usage: compare.sh BEFORE_BIN AFTER_BIN [N]}
after=${2:?usage: compare.sh BEFORE_BIN AFTER_BIN [N]}
n=${3:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$(mktemp -d /tmp/samayoon-compare.XXXXXX)}
mkdir -p "$out"
for i in $(seq "$n"); do
	for v in before after; do
		bin=$before
		[ "$v" = after ] && bin=$after
		echo "== $v $i/$n" >&2
		OUT="$out/$v-$i" BOT_BIN="$bin" BOT_BUILD=0 RAMP=0 "$repo/scripts/load.sh" --users "${USERS:-2000}" >"$out/$v-$i.md"
	done
done
python3 - "$out" "$n" <<'PY'
import json, statistics as st, sys
out, n = sys.argv[1], int(sys.argv[2])
def runs(v, mode):
    rows = []
    for i in range(1, n + 1):
        d = json.load(open(f"{out}/{v}-{i}/bot-{mode}.json"))
        f = json.load(open(f"{out}/{v}-{i}/floor-{mode}.json"))
        p = d["bot_process"]
        ok = d["users_completed"] == d["users"] and not (d["violations"] or d["lost_updates"] or d["lost_replies"])
        rows.append((d["throughput_steps_per_second"], p["cpu_seconds"] * 1000 / d["steps"],
                     p["peak_rss_mb"] / f["bot_process"]["peak_rss_mb"], ok))
    return rows
print("| mode | figure | before (median) | after (median) | after / before | paired, min – median – max |")
print("|---|---|---|---|---|---|")
for mode in ("polling", "webhook"):
    b, a = runs("before", mode), runs("after", mode)
    for k, name in ((0, "steps/s"), (1, "CPU s/1k steps"), (2, "peak RSS × the floor's")):
        mb, ma = st.median(r[k] for r in b), st.median(r[k] for r in a)
        pair = sorted(y[k] / x[k] for x, y in zip(b, a))
        ratio = f"{ma / mb:.2f}" if k < 2 else ""
        paired = f"{pair[0]:.2f} – {st.median(pair):.2f} – {pair[-1]:.2f}" if k < 2 else ""
        fmt = ("{:.0f}", "{:.3f}", "{:.2f}")[k]
        print(f"| {mode} | {name} | {fmt.format(mb)} | {fmt.format(ma)} | {ratio} | {paired} |")
    if not all(r[3] for r in a + b):
        print(f"| {mode} | **some run lost users, updates or replies, or had violations** | | | | |")
print(f"\nraw reports: {out}")
PY
