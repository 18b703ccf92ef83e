#!/usr/bin/env bash
# Where a start's time goes: runs the bare window and the kiosk RUNS times
# each under Xvfb at SIZE (default 1080x1920), with the page cache dropped
# before each start when COLD=1 (needs root), and prints for each start the
# milliseconds from exec to its first drawn frame and to each phase the
# program marks (KIOSK_STARTMARKS: main, pack loaded, window made, screens
# made, loop started...). It runs what make bench built (bin/kiosk,
# bin/barewindow, bin/framewatch).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb.sh
size=${SIZE:-1080x1920}
runs=${RUNS:-3}
work=$(mktemp -d)
xvfb_pid=""
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
start_xvfb 131 150 "$size"
export LANG=vi_VN.UTF-8
mkdir -p "$work/data"
for r in $(seq "$runs"); do
  for prog in bare kiosk; do
    if [ "${COLD:-}" = 1 ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
    if [ "$prog" = bare ]; then title="Bare window"; cmd=(bin/barewindow --fullscreen)
    else title=Kiosk; cmd=(bin/kiosk --fullscreen --data "$work/data"); fi
    t0=$(date +%s%6N)
    bin/framewatch first "$title" >"$work/first" &
    fw=$!
    KIOSK_STARTMARKS=1 "${cmd[@]}" >"$work/log" 2>&1 &
    pid=$!
    wait "$fw"
    sleep 1
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%-5s run %d: first frame %4d ms;' "$prog" "$r" "$(cat "$work/first")"
    awk -v t0="$t0" '/^mark / {$1 = ""; t = $2; $2 = ""; sub(/^ +/, ""); printf " %s %d,", $0, (t - t0) / 1000}' "$work/log"
    echo
  done
done
