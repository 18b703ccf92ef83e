#!/usr/bin/env bash
# The kiosk against a bare Fyne window, side by side in one run under Xvfb
# at BENCH_SIZE (1920x1080, or 1080x1920 for a portrait kiosk) with Mesa's
# software OpenGL: time from exec to the first
# drawn frame, resident memory and CPU after SECS seconds on the attract
# loop, the time from a tap to the next screen drawn, the time from
# tapping "Bước sau" to the next lesson step drawn, the memory with every
# lesson opened and played through once, the peak memory of the whole run
# (VmHWM), and what the lessons add to the
# binary. RUNS runs each; medians are reported, with the machine.
# FRESH=1 measures each run as a new user's first start on a fresh
# machine: an empty home (no Mesa shader cache, no font cache, no Fyne
# settings) for each program's each run, and, as root, the page cache
# dropped before it.
set -euo pipefail
. "$(dirname "$0")/xvfb.sh"

runs=${RUNS:-3}
secs=${SECS:-60}
out=${BENCH_OUT:-out/bench-${BENCH_SIZE:-1920x1080}}
mkdir -p "$out"
work=$(mktemp -d)
xvfb_pid=""
pid=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

size=${BENCH_SIZE:-1920x1080}
# Where the walk taps, from the kiosk's own layout at this size.
coords="$work/coords.sh"
BENCH_COORDS="$coords" BENCH_SIZE="$size" go test -tags ci -count=1 -run TestBenchCoordinates ./app >/dev/null
. "$coords"
start_xvfb 121 150 "$size"
export LANG=vi_VN.UTF-8

tck=$(getconf CLK_TCK)
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

declare -A first rss cpu
taps=()
steps=()
ends=()
lessons_rss=""
peak=""

# tap X Y WHAT [ARRAY]: times a tap into ARRAY (default taps); a tap that
# changes nothing is reported, not fatal.
tap() {
  local ms
  local -n into=${4:-taps}
  echo "$3" >>"$work/walk"
  if ms=$(bin/framewatch tap "$1" "$2" 2>>"$work/taps.err"); then
    into+=("$ms")
  else
    echo "bench: tap at $1,$2 ($3) changed nothing on screen" >&2
    import -window root "$out/failed-tap-$(date +%s).png" 2>/dev/null || true
  fi
  sleep 0.5
}

# watch_peak PID FILE: keeps in FILE the memory map of PID at its highest
# resident memory so far (sampled every 0.2 s), to see where a peak is.
watch_peak() {
  local max=0 r
  while r=$(awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null) && [ -n "$r" ]; do
    if [ "$r" -gt "$max" ]; then
      max=$r
      { echo "# VmRSS $r kB at $(date +%T.%N | cut -c1-12) after: $(tail -n1 "$work/walk" 2>/dev/null)"; cat "/proc/$1/smaps"; } >"$2.tmp" 2>/dev/null && mv "$2.tmp" "$2"
    fi
    sleep 0.2
  done
}

# measure NAME WINDOW-TITLE CMD...: one run of a program.
measure() {
  local name=$1 title=$2; shift 2
  if [ "${FRESH:-}" = 1 ]; then
    local home
    home=$(mktemp -d "$work/home-XXXX")
    set -- env HOME="$home" XDG_CACHE_HOME="$home/.cache" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" "$@"
    if [ "$(id -u)" = 0 ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
  fi
  bin/framewatch first "$title" >"$work/first" 2>"$work/fw.err" &
  local fw=$!
  "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  wait "$fw" || { cat "$work/fw.err" "$work/$name.log" >&2; exit 1; }
  first[$name]+="$(cat "$work/first") "
  sleep 5 # start-up settles
  local c0 c1
  c0=$(cputicks "$pid")
  sleep "$secs"
  c1=$(cputicks "$pid")
  rss[$name]+="$(rss_mb "$pid") "
  cpu[$name]+="$(awk -v d=$((c1 - c0)) -v t="$tck" -v s="$secs" 'BEGIN {printf "%.1f", d / t / s * 100}') "
  if [ "$name" = kiosk ]; then
    local watcher
    : >"$work/walk"
    watch_peak "$pid" "$out/kiosk-smaps-peak-$(($(echo "$peak" | wc -w) + 1)).txt" &
    watcher=$!
    tap $START "attract -> home"
    tap $HOME_CATEGORY "home -> category"
    tap $CATEGORY_PROCEDURE "category -> procedure"
    tap $BAR_BACK "back to the category"
    # Every lesson, played through with "Bước sau".
    local xy n
    for xy in "${LESSONS[@]}"; do
      set -- $xy
      tap $BAR_HOME "to the home screen"
      tap $HOME_LESSONS "home -> lessons"
      tap "$1" "$2" "lessons -> a lesson"
      for n in $(seq $(($3 - 1))); do tap $LESSON_NEXT "next step" steps; done
    done
    tap $BAR_HOME "to the home screen"
    sleep 5
    lessons_rss+="$(rss_mb "$pid") "
    # Staff mode: the gesture (five taps on the bar's middle), the member,
    # the PIN 4821; then ten sessions, each started and ended, timing
    # "Kết thúc phiên" to the saved screen drawn.
    for _ in 1 2 3 4 5; do xdotool mousemove $GESTURE click 1; sleep 0.2; done
    sleep 0.8
    xdotool mousemove $MEMBER click 1; sleep 0.8
    for xy in "${PIN[@]}" "$PIN_OK"; do xdotool mousemove $xy click 1; sleep 0.4; done
    sleep 0.8
    for _ in $(seq 10); do
      xdotool mousemove $SESSION_START click 1; sleep 0.8 # Bắt đầu hỗ trợ
      tap $SESSION_END "end the session" ends
      xdotool mousemove $RATE_SKIP click 1; sleep 0.8 # Bỏ qua: back to staff home
    done
    xdotool mousemove $LOGOUT click 1 # Thoát
    sleep 0.5
    peak+="$(awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$pid/status") "
    # Where the memory is at the end of the walk, for a look afterwards.
    cp "/proc/$pid/smaps" "$out/kiosk-smaps-$(echo "$peak" | wc -w).txt" 2>/dev/null || true
    kill "$watcher" 2>/dev/null || true
    wait "$watcher" 2>/dev/null || true
  fi
  # A program that does not end within 10 s of TERM is killed, and said
  # so: a bare window was once seen to hang in Fyne's quit.
  kill -TERM "$pid"
  local n
  for n in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench: $name did not stop within 10 s of TERM; killed" >&2
    kill -KILL "$pid"
  fi
  wait "$pid" 2>/dev/null || true
  pid=""
}

# A staff member for the session timing (kept across runs).
echo 4821 | bin/kiosk staff add --data "$work/data" --code bench --name "Cán bộ đo" >/dev/null

for i in $(seq "$runs"); do
  echo "bench: run $i/$runs (${secs}s each)" >&2
  measure bare "Bare window" bin/barewindow --fullscreen
  # BENCH_KIOSK_ENV: variables for the kiosk alone, to try a setting.
  # shellcheck disable=SC2086
  measure kiosk "Kiosk" env ${BENCH_KIOSK_ENV:-} bin/kiosk --fullscreen --data "$work/data"
done

# Committing session records on this disk (3 x 1000, one transaction each).
commits=()
for i in $(seq 3); do commits+=("$(go run ./tools/commitbench -n 1000 -dir "$work")"); done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%g\n", (a[NR/2] + a[NR/2+1]) / 2}'; }

mf_b=$(echo "${first[bare]}" | median);  mf_k=$(echo "${first[kiosk]}" | median)
mr_b=$(echo "${rss[bare]}" | median);    mr_k=$(echo "${rss[kiosk]}" | median)
mc_b=$(echo "${cpu[bare]}" | median);    mc_k=$(echo "${cpu[kiosk]}" | median)
mt=$(echo "${taps[*]}" | median)
ms=$(echo "${steps[*]}" | median)
me=$(echo "${ends[*]}" | median)
ml=$(echo "$lessons_rss" | median)
mp=$(echo "$peak" | median)
bin_mb=$(awk -v b="$(stat -c %s bin/kiosk)" 'BEGIN {printf "%.1f", b / 1048576}')
lesson_mb=$(cat assets/content/tutorials.json assets/content/tutorials/*/* | wc -c | awk '{printf "%.2f", $1 / 1048576}')
listen_mb=$(cat assets/content/narration/procedures/* | wc -c | awk '{printf "%.2f", $1 / 1048576}')

{
  echo "Machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "Xvfb ${size}x24, Mesa software OpenGL ($(glxinfo -B 2>/dev/null | awk -F: '/OpenGL renderer/ {print $2}' | sed 's/^ //' || true)); $(go version | cut -d' ' -f3); $(date -u +%F)."
  echo "Medians of $runs runs; every run of each in brackets.${FRESH:+ Each run a first start: an empty home (no shader or font cache)$( [ "$(id -u)" = 0 ] && echo ", page cache dropped").}"
  echo
  echo "| measure | bare Fyne window | kiosk | kiosk − bare | goal |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| exec → first frame (ms) | $mf_b [${first[bare]% }] | $mf_k [${first[kiosk]% }] | $(awk -v a="$mf_k" -v b="$mf_b" 'BEGIN {print a-b}') | ≤ 1000, and ≤ bare + 300 |"
  echo "| resident memory after ${secs} s (MB) | $mr_b [${rss[bare]% }] | $mr_k [${rss[kiosk]% }] | $(awk -v a="$mr_k" -v b="$mr_b" 'BEGIN {printf "%.1f", a-b}') | ≤ bare + 40 |"
  echo "| CPU over ${secs} s on the attract loop (% of a core) | $mc_b [${cpu[bare]% }] | $mc_k [${cpu[kiosk]% }] | $(awk -v a="$mc_k" -v b="$mc_b" 'BEGIN {printf "%.1f", a-b}') | ≤ bare + 2 |"
  echo "| tap → next screen drawn (ms) | — | $mt [${taps[*]}] | — | ≤ 100 |"
  echo "| tap on Bước sau → next step drawn (ms) | — | $ms [${#steps[@]} taps: $(printf '%s\n' "${steps[@]}" | sort -n | head -1)–$(printf '%s\n' "${steps[@]}" | sort -n | tail -1)] | — | ≤ 50 |"
  echo "| tap on Kết thúc phiên → saved screen drawn (ms) | — | $me [${#ends[@]} taps: $(printf '%s\n' "${ends[@]}" | sort -n | head -1)–$(printf '%s\n' "${ends[@]}" | sort -n | tail -1)] | — | ≤ 100 |"
  echo "| resident memory, every lesson played through once (MB) | — | $ml [${lessons_rss% }] | $(awk -v a="$ml" -v b="$mr_k" 'BEGIN {printf "%.1f", a-b}') above the idle kiosk | ≤ idle kiosk + 60 |"
  echo "| peak resident memory over the whole run: start, loop, walk, lessons, staff (MB) | — | $mp [${peak% }] | — | ≤ 200 |"
  c50=$(for c in "${commits[@]}"; do echo "$c" | cut -d' ' -f1; done | median)
  c99=$(for c in "${commits[@]}"; do echo "$c" | cut -d' ' -f2; done | median)
  echo "| commit one session record, synchronous=FULL (ms, 1000 records) | — | median $c50, p99 $c99 [runs: ${commits[*]// /\/}] | — | p99 ≤ 5 |"
  echo
  echo "Binary: $bin_mb MB; the lessons (pictures, narration, tutorials.json) embed $lesson_mb MB, the procedures' Nghe narration $listen_mb MB."
} | tee "$out/report.md"
