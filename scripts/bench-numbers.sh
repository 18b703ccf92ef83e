#!/usr/bin/env bash
# The numbers at scale: a database of SESSIONS assisted sessions and VISITS
# visit records (default 1 000 000 and 5 000 000) made by kiosk demo-data and
# kept in BENCH_DATA between runs (making it takes minutes); then one
# month's tally by procedure and a year's by village and month (in process,
# medians of 5), the export of every session to CSV and to XLSX and the
# merge of them all into an empty database (wall time and peak memory of
# the command, opening included). FRESH=1 drops the page cache (as root)
# before each of them, as on a machine just switched on.
set -euo pipefail
# Fyne reads the locale as the kiosk binary loads; a bare C locale makes it log an error.
export LANG=vi_VN.UTF-8
sessions=${SESSIONS:-1000000}
visits=${VISITS:-5000000}
out=${BENCH_OUT:-out/bench}
data=${BENCH_DATA:-out/bench-data}
bin=${BIN:-bin/kiosk}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$data/kiosk.db" ] || [ "$(cat "$data/made" 2>/dev/null)" != "$sessions $visits" ]; then
  rm -rf "$data"
  echo "bench-numbers: making $sessions sessions and $visits visits (minutes)…" >&2
  "$bin" demo-data --data "$data" --sessions "$sessions" --visits "$visits" --days 365 >&2
  echo "$sessions $visits" >"$data/made"
fi
go build -o bin/tallybench ./tools/tallybench
cold() {
  if [ "${FRESH:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
}
cold
read -r month year < <(bin/tallybench "$data/kiosk.db" 5)

# timed NAME CMD...: wall seconds and peak resident memory (MB) of a command.
declare -A secs mem
timed() {
  local name=$1; shift
  cold
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r s kb <"$work/time"
  secs[$name]=$s
  mem[$name]=$(awk -v k="$kb" 'BEGIN {printf "%.0f", k/1024}')
}
timed csv "$bin" export --data "$data" --format csv --from 2000-01-01 --to 2100-01-01 --out "$work/all.csv"
timed xlsx "$bin" export --data "$data" --format xlsx --from 2000-01-01 --to 2100-01-01 --out "$work/all.xlsx"
timed jsonl "$bin" export --data "$data" --format jsonl --from 2000-01-01 --to 2100-01-01 --out "$work/all.jsonl"
timed merge "$bin" merge --data "$work/hub" "$work/all.jsonl"

{
  fresh=""
  [ "${FRESH:-0}" = 1 ] && fresh=", the page cache dropped before each measure"
  echo "Numbers at scale: $sessions sessions, $visits visit records ($(du -h "$data/kiosk.db" | cut -f1) database); $(nproc) cores, $(date -u +%F)$fresh."
  echo
  echo "| measure | result | goal |"
  echo "| --- | --- | --- |"
  echo "| one month's tally by procedure (ms, median of 5) | $month | ≤ 100 |"
  echo "| a year's tally by village and month (ms, median of 5) | $year | ≤ 500 |"
  echo "| export every session to CSV (s; peak MB) | ${secs[csv]}; ${mem[csv]} | ≤ 5; ≤ 150 |"
  echo "| export every session to XLSX (s; peak MB) | ${secs[xlsx]}; ${mem[xlsx]} | ≤ 60; ≤ 150 |"
  echo "| merge every session into an empty database (s; peak MB) | ${secs[merge]}; ${mem[merge]} | ≤ 30 |"
} | tee "$out/numbers.md"
