#!/usr/bin/env bash
# The real-window smoke test: starts the real kiosk binary under Xvfb with
# Mesa's software OpenGL, waits for its window, screenshots the attract
# screen, the home screen after a tap, a procedure screen and a lesson,
# checks they are not blank, that the QR code on screen reads back as the
# content's address and that the lesson moves on by itself, then stops the kiosk with SIGTERM, which must exit 0 and leave
# the database consistent with no visit left open.
set -euo pipefail
. "$(dirname "$0")/xvfb.sh"

# Fyne reads the locale as it loads; a bare C locale makes it log an error.
export LANG=vi_VN.UTF-8

bin=${1:-bin/kiosk}
bin=$(realpath "$bin")
out=${SMOKE_OUT:-out/smoke}
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
xvfb_pid=""
kiosk_pid=""
cleanup() {
  [ -n "$kiosk_pid" ] && kill -9 "$kiosk_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

# 1. Without a display the kiosk says so in one line, with no stack trace.
set +e
msg=$(env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --data "$work/nodisplay" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "started with no display (exit 0)"
[ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] || fail "no-display message is not one line: $msg"
printf '%s' "$msg" | grep -q "no display" || fail "no-display message unclear: $msg"
echo "smoke: no display -> \"$msg\""

# framewatch asks windows to close as a window manager's close button does.
fw=${FRAMEWATCH:-bin/framewatch}
[ -x "$fw" ] || go build -o "$fw" ./tools/framewatch
fw=$(realpath "$fw")

# 2. A private X server.
start_xvfb 90 120 || fail "no X server"

data="$work/data"

# start ARGS...: starts the kiosk and waits for its window.
start() {
  "$bin" --data "$data" "$@" >>"$work/kiosk.log" 2>&1 &
  kiosk_pid=$!
  local t0=$(date +%s%N)
  timeout 20 xdotool search --sync --onlyvisible --name "Kiosk" >/dev/null 2>&1 \
    || { cat "$work/kiosk.log" >&2; fail "no kiosk window within 20 s ($*)"; }
  local t1=$(date +%s%N)
  echo "smoke: window visible after $(( (t1 - t0) / 1000000 )) ms ($*)"
  sleep 1.5 # let the first frames draw
}

# stop: SIGTERM, which must end the kiosk cleanly.
stop() {
  local t0 rc=0
  t0=$(date +%s%N)
  kill -TERM "$kiosk_pid"
  wait "$kiosk_pid" || rc=$?
  kiosk_pid=""
  [ "$rc" -eq 0 ] || { cat "$work/kiosk.log" >&2; fail "kiosk exited $rc on SIGTERM"; }
  echo "smoke: SIGTERM -> exit 0 in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

# shot NAME: screenshot of the whole screen, refused if nearly blank.
shot() {
  local f="$out/$1.png"
  import -window root "$f"
  local colours
  colours=$(convert "$f" -format '%k' info:)
  [ "$colours" -ge 50 ] || fail "$1 screenshot is nearly blank ($colours colours): $f"
  echo "smoke: $1: $colours colours -> $f"
}

# 3. The attract screen, full screen, then a tap opens the home screen.
start --fullscreen
shot attract
# In kiosk mode the window's close button does nothing.
"$fw" close Kiosk || fail "could not ask the kiosk window to close"
sleep 1
kill -0 "$kiosk_pid" 2>/dev/null || fail "the full-screen kiosk closed when asked by its close button"
echo "smoke: full screen: the close button does nothing"
# Nor do the keys a keyboard left plugged in could send.
xdotool key Escape alt+F4 alt+Tab ctrl+alt+f F11 2>/dev/null || true
sleep 0.5
kill -0 "$kiosk_pid" 2>/dev/null || fail "the full-screen kiosk closed on Escape, Alt+F4, Alt+Tab, Ctrl+Alt+F or F11"
echo "smoke: full screen: Escape, Alt+F4, Alt+Tab, Ctrl+Alt+F and F11 do nothing"
xdotool mousemove 960 540 click 1
sleep 1.5
shot home
stop

# 4. A procedure screen, opened directly, and its QR code read by zbarimg.
start --open procedure/1.001193 --size 1366x768
shot procedure
want=$("$bin" content links | awk -F'\t' '$2 ~ /^procedure 1\.001193 / && !found {print $1; found = 1}')
got=$(zbarimg --quiet --raw "$out/procedure.png" 2>/dev/null | head -1 || true)
[ -n "$want" ] || fail "no QR target for 1.001193 in the content"
[ "$got" = "$want" ] || fail "QR on screen reads \"$got\", want \"$want\""
echo "smoke: QR on screen reads $got"
stop

# 5. A lesson opened directly shows its first step, then moves on by
# itself (the real ticker, the real narration timing). On a machine
# without a sound device the kiosk says so once and plays on silently.
mark=$(wc -l <"$work/kiosk.log")
start --open tutorial/khai-sinh --size 1366x768
shot tutorial-step1
sleep 12
shot tutorial-later
diff=$(compare -metric AE "$out/tutorial-step1.png" "$out/tutorial-later.png" null: 2>&1 || true)
[ "${diff%%.*}" -gt 1000 ] 2>/dev/null || fail "the lesson did not move on by itself (differing pixels: $diff)"
echo "smoke: the lesson moved on by itself ($diff pixels changed)"
if ! grep -qs '[0-9]' /proc/asound/cards; then
  n=$(tail -n +"$((mark + 1))" "$work/kiosk.log" | grep -c "no sound device" || true)
  [ "$n" -eq 1 ] || { cat "$work/kiosk.log" >&2; fail "no sound card, yet the log says so $n times, not once"; }
  echo "smoke: no sound card: said once, and the lesson played on"
fi
# In a window (not kiosk mode) the close button does close it, cleanly:
# the same message the full-screen kiosk ignored above.
"$fw" close Kiosk || fail "could not ask the kiosk window to close"
for _ in $(seq 100); do kill -0 "$kiosk_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$kiosk_pid" 2>/dev/null && fail "the windowed kiosk did not close from its close button"
rc=0
wait "$kiosk_pid" || rc=$?
kiosk_pid=""
[ "$rc" -eq 0 ] || { cat "$work/kiosk.log" >&2; fail "closing the window exited $rc"; }
echo "smoke: windowed: the close button closes it (exit 0)"

# 6. A lesson's film plays in mpv (when the machine has it): a tap on
# "Xem video" starts it, the kiosk is back when it ends, and a tap on the
# film ends it. The film is made here by mpv itself (3 s of a test card),
# in a copy of the embedded pack whose "tra-cuu" lesson names it.
if command -v mpv >/dev/null; then
  pack="$data/content"
  rm -rf "$pack" && cp -r assets/content "$pack" && mkdir -p "$pack/video"
  mpv --no-config --really-quiet 'av://lavfi:testsrc=duration=3:size=640x360:rate=10' \
    --o="$pack/video/film.mp4" --of=mp4 --ovc=libx264 >/dev/null 2>&1 || fail "mpv could not make the test film"
  sed -i 's|"id": "tra-cuu",|"id": "tra-cuu",\n    "video": "video/film.mp4",|' "$pack/tutorials.json"
  "$bin" content check "$pack" >/dev/null || fail "the pack with a film is refused"
  start --open tutorial/tra-cuu --size 1366x768
  films() { pgrep -x mpv -P "$kiosk_pid" | wc -l; }
  xdotool mousemove 890 535 click 1 # Xem video, under the sound buttons
  sleep 1.5
  [ "$(films)" -eq 1 ] || fail "Xem video did not start mpv"
  sleep 3.5
  [ "$(films)" -eq 0 ] || fail "mpv still runs after its 3 s film"
  shot after-film
  xdotool mousemove 890 535 click 1
  sleep 1.5
  [ "$(films)" -eq 1 ] || fail "Xem video did not start mpv again"
  xdotool mousemove 683 384 click 1 # on the film
  sleep 1
  [ "$(films)" -eq 0 ] || fail "a tap on the film did not end it"
  kill -0 "$kiosk_pid" || fail "the kiosk is gone after the film"
  echo "smoke: the film plays in mpv, ends by itself and on a tap; the kiosk is back"
  stop
  rm -rf "$pack"
else
  echo "smoke: mpv is not installed: the lesson film was not tried"
fi

# 7. The database is consistent and the visit from the tap was closed.
check=$("$bin" db check --data "$data")
echo "smoke: $check"
printf '%s' "$check" | grep -q '^ok: .* [1-9][0-9]* visits, 0 open' || fail "database check: $check"
grep -q "stopping on terminated" "$work/kiosk.log" || fail "SIGTERM was not handled"

# 8. A damaged database at the start: demo records and a backup, then four
# pages of the file overwritten. The kiosk sets the file aside, starts on a
# fresh one with the backup's staff, and tells the admin; kiosk db recover
# takes back what the damaged file holds.
"$bin" demo-data --data "$data" --sessions 200 --days 3 >/dev/null 2>&1 || fail "demo-data"
"$bin" backup --data "$data" >/dev/null 2>&1 || fail "backup"
pages=$(( $(stat -c %s "$data/kiosk.db") / 4096 ))
for p in $((pages / 2)) $((pages / 2 + 2)) $((pages * 3 / 4)) $((pages - 2)); do
  head -c 4096 /dev/urandom | dd of="$data/kiosk.db" bs=4096 seek="$p" conv=notrunc status=none
done
"$bin" db check --data "$data" >/dev/null 2>&1 && fail "db check passes a database with four pages overwritten"
start --fullscreen
shot damaged-start
grep -q "the database is damaged: " "$work/kiosk.log" || fail "the damage is not logged"
lines=$(grep -c "damaged" "$work/kiosk.log")
[ "$lines" -le 3 ] || fail "the damage took $lines lines of the log, not a few"
grep -q "the damaged database is kept as .*/damaged/kiosk-" "$work/kiosk.log" || { tail "$work/kiosk.log" >&2; fail "the damaged database was not set aside"; }
ls "$data"/damaged/kiosk-*.db >/dev/null || fail "no damaged file kept in $data/damaged"
stop
staff=$("$bin" staff list --data "$data" 2>/dev/null | wc -l)
[ "$staff" -ge 1 ] || fail "the fresh database has no staff from the backup"
echo "smoke: a damaged database: set aside, a fresh one with $staff staff from the backup; $lines lines of the log about it"
rec=$("$bin" db recover --data "$data" 2>&1) || fail "kiosk db recover: $rec"
printf '%s\n' "$rec" | grep -q '^added [1-9][0-9]* records' || fail "kiosk db recover took nothing back: $rec"
echo "smoke: kiosk db recover: $(printf '%s\n' "$rec" | grep '^added')"
"$bin" db check --data "$data" >/dev/null || fail "db check after recover"
echo "smoke: ok"
