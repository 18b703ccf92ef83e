#!/usr/bin/env bash
# The package under systemd itself (make boottest, as root): a clean
# Debian 12 root with the .deb installed, booted by systemd-nspawn, where
# the service must
#   1. start at boot and be taken as ready (READY=1 through notify-relay),
#   2. stay up past its watchdog (WatchdogSec=10 here) on the kiosk's pings,
#   3. be restarted when the kiosk's screen loop stops answering (its main
#      thread held by ptrace: the kiosk's own watchdog stops the pings) and
#      when the whole kiosk stops (SIGSTOP), the hung kiosk's leftovers
#      killed, and be ready again,
#   4. stop cleanly on systemctl stop, the kiosk closing its records,
#   5. stay stopped when the kiosk exits 3 (an admin left kiosk mode).
# A container has no tty1 and no screen: a drop-in gives the service no
# terminal and cage its headless backend; the rest is the unit as shipped.
# Needs make packagetest's cached root (KIOSK_CACHE) and a .deb in
# out/package (made here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/roots.sh
[ "$(id -u)" -eq 0 ] || { echo "boottest: needs root (chroot, systemd-nspawn)" >&2; exit 1; }
cache=${KIOSK_CACHE:-$HOME/.cache/onestop-kiosk}
tarball=$cache/bookworm-minbase.tar
out=out/boottest
mkdir -p "$out"
say() { echo "boottest: $*"; }
fail() { echo "boottest: FAIL: $*" >&2; exit 1; }
[ -s "$tarball" ] || fail "no cached root in $tarball: run make packagetest first"
command -v systemd-nspawn >/dev/null || {
  say "installing systemd-container (systemd-nspawn)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd-container >"$out/apt.log" 2>&1 \
    || { tail -20 "$out/apt.log" >&2; fail "apt-get install systemd-container"; }
}
deb=$(amd64_deb "$out/package.log")

root=$(mktemp -d /var/tmp/kiosk-boot.XXXXXX)
nspawn_pid=""
cleanup() {
  set +e
  [ -n "$nspawn_pid" ] && kill -TERM "$nspawn_pid" 2>/dev/null && sleep 3 && kill -KILL "$nspawn_pid" 2>/dev/null
  release_root "$root" boottest
}
trap cleanup EXIT

tar -C "$root" -xf "$tarball"
chmod 0755 "$root"
cp "$deb" "$root/root/onestop-kiosk.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$cache/apt" "$root/var/cache/apt/archives"
chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root sh -c \
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /root/onestop-kiosk.deb' \
  >"$out/install.log" 2>&1 || { tail -30 "$out/install.log" >&2; fail "apt-get install of the package"; }
umount "$root/var/cache/apt/archives" "$root/dev" "$root/proc"
mkdir -p "$root/etc/systemd/system/onestop-kiosk.service.d"
cat >"$root/etc/systemd/system/onestop-kiosk.service.d/container.conf" <<'EOF'
# The test container has no tty1 and no screen: no terminal, and cage on
# its headless backend. A shorter watchdog, for the test's time.
[Unit]
ConditionPathExists=
[Service]
TTYPath=
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
WatchdogSec=10
EOF
printf '#!/bin/sh\nexit 3\n' >"$root/usr/local/bin/kiosk-left"
chmod 755 "$root/usr/local/bin/kiosk-left"
chroot "$root" systemctl enable onestop-kiosk.service >/dev/null 2>&1
chroot "$root" systemctl set-default graphical.target >/dev/null 2>&1
say "1. $(basename "$deb") installed in a clean root; booting it with systemd-nspawn"

t0=$(date +%s%N)
systemd-nspawn -D "$root" --boot --register=no --keep-unit --console=pipe >"$out/nspawn.log" 2>&1 &
nspawn_pid=$!
# The container's systemd: the one among systemd-nspawn's descendants (a
# process in another mount namespace names its root "/", so the root's
# path does not tell).
descends() { # PID ANCESTOR
  local p=$1
  while [ "$p" -gt 1 ]; do
    [ "$p" = "$2" ] && return 0
    p=$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null) || return 1
  done
  return 1
}
leader=""
for _ in $(seq 300); do
  for p in $(pgrep -f '^/usr/lib/systemd/systemd$' || true); do
    descends "$p" "$nspawn_pid" && leader=$p
  done
  [ -n "$leader" ] && break
  kill -0 "$nspawn_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$leader" ]; then
  # What this needs of the machine (namespaces, cgroups) is not the
  # package's doing: said loudly, not failed.
  cat "$out/nspawn.log" >&2
  say "SKIPPED: systemd-nspawn cannot boot a container on this machine (above); nothing of the service was tried"
  exit 0
fi
in_box() { nsenter -t "$leader" -m -u -i -n -p -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
prop() { in_box systemctl show onestop-kiosk -p "$1" --value; }
box_ns=$(readlink "/proc/$leader/ns/pid")
box_pid() { # CMDLINE-REGEX: a process in the container (its pid namespace), by its host pid
  local p
  for p in $(pgrep -f "$1" || true); do
    [ "$(readlink "/proc/$p/ns/pid" 2>/dev/null)" = "$box_ns" ] && { echo "$p"; return 0; }
  done
  return 1
}

# 1. Ready at boot.
state=""
for _ in $(seq 600); do
  state=$(prop ActiveState 2>/dev/null || true)
  [ "$state" = active ] && break
  sleep 0.1
done
ready_ms=$((($(date +%s%N) - t0) / 1000000))
[ "$state" = active ] || { in_box journalctl -u onestop-kiosk --no-pager | tail -30 >&2; fail "the service is not active 60 s after boot ($state)"; }
[ "$(prop NRestarts)" = 0 ] || fail "the service restarted $(prop NRestarts) times before it was ready"
say "   the service active (READY=1 taken) ${ready_ms} ms after systemd-nspawn started; $(in_box systemd-analyze 2>/dev/null | head -1)"

# 2. Up past its watchdog.
sleep 25
[ "$(prop ActiveState)" = active ] && [ "$(prop NRestarts)" = 0 ] \
  || { in_box journalctl -u onestop-kiosk --no-pager | tail -30 >&2; fail "the service did not stay up 25 s with WatchdogSec=10"; }
say "2. up 25 s past WatchdogSec=10 without a restart: the kiosk's pings reach systemd"

# 3. A kiosk that stops answering: first its screen's loop alone (the
# main thread, where Fyne runs it, held by ptrace while the other threads
# run on: the kiosk's own watchdog must notice the silence and stop its
# pings), then the whole process (SIGSTOP: no pings at all).
stall=bin/stallthread
go build -o "$stall" ./tools/stallthread
restarts=0
hang() { # HOW: hang the running kiosk, wait for the service to come back
  local how=$1 t1 back="" holder=""
  hung=$(box_pid '^/usr/bin/kiosk run') || fail "no kiosk running in the container"
  if [ "$how" = loop ]; then
    "$stall" "$hung" >"$out/stallthread.txt" 2>&1 &
    holder=$!
    for _ in $(seq 50); do grep -q '^stopped' "$out/stallthread.txt" && break; sleep 0.1; done
    if ! grep -q '^stopped' "$out/stallthread.txt"; then
      wait "$holder" 2>/dev/null || true
      if grep -qi "operation not permitted" "$out/stallthread.txt"; then
        # ptrace denied by the machine (Yama, a seccomp policy): not the
        # package's doing, said loudly.
        cat "$out/stallthread.txt" >&2
        say "   SKIPPED: this machine does not let root ptrace the kiosk (above); the screen-loop case was not tried"
        return 1
      fi
      cat "$out/stallthread.txt" >&2
      fail "stallthread did not stop the kiosk's main thread"
    fi
  else
    kill -STOP "$hung"
  fi
  t1=$(date +%s)
  restarts=$((restarts + 1))
  for _ in $(seq 120); do
    if [ "$(prop NRestarts)" -ge "$restarts" ] && [ "$(prop ActiveState)" = active ]; then back=1; break; fi
    sleep 1
  done
  in_box journalctl -b --no-pager >"$out/journal-watchdog-$how.txt" # the session scope's lines too
  if [ -n "$holder" ]; then kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true; fi
  [ -n "$back" ] || { tail -30 "$out/journal-watchdog-$how.txt" >&2; fail "the service did not come back within 120 s of its kiosk hanging ($how)"; }
  [ "$(grep -c "Watchdog timeout" "$out/journal-watchdog-$how.txt")" -ge "$restarts" ] || fail "no watchdog timeout in the journal ($how)"
  if [ "$how" = process ]; then
    # A stopped process takes no signal: the relay kills what is left.
    grep -q "earlier session left running" "$out/journal-watchdog-$how.txt" || fail "the hung kiosk's leftovers were not killed by the relay ($how)"
  fi
  [ ! -d "/proc/$hung" ] || [ "$(readlink "/proc/$hung/ns/pid" 2>/dev/null)" != "$box_ns" ] || fail "the hung kiosk ($hung) is still there ($how)"
  now=$(box_pid '^/usr/bin/kiosk run') || fail "no kiosk after the restart ($how)"
  rec_s=$(($(date +%s) - t1))
}
loop_s=-1
# (hang returns 1 only when the machine denies ptrace; every check in it
# fails the test through fail, which exits.)
if hang loop; then
  klog=$root/var/lib/onestop-kiosk/logs/kiosk.log
  grep -q "the screen's loop has not answered" "$klog" || { tail -5 "$klog" >&2; fail "the kiosk did not log its screen's loop's silence"; }
  # Its other threads still run: the kiosk takes systemd's SIGABRT itself,
  # and the next start finds the crash report it left.
  grep -q "the run before crashed: SIGABRT" "$klog" || { tail -5 "$klog" >&2; fail "the restarted kiosk did not report the SIGABRT crash"; }
  say "3. the kiosk's screen loop stopped (main thread held, the rest running): the kiosk logged the silence and stopped its pings; watchdog timeout, SIGABRT taken by the kiosk (crash report), restarted, ready again after $rec_s s (kiosk $hung -> $now)"
  loop_s=$rec_s
fi
hang process
say "   the whole kiosk stopped (SIGSTOP): watchdog timeout, restarted, the hung kiosk and its cage killed by notify-relay, ready again after $rec_s s (kiosk $hung -> $now)"

# 4. A clean stop.
t2=$(date +%s%N)
in_box systemctl stop onestop-kiosk
stop_ms=$((($(date +%s%N) - t2) / 1000000))
[ "$(prop ActiveState)" = inactive ] && [ "$(prop Result)" = success ] || fail "systemctl stop: $(prop ActiveState), $(prop Result)"
tail -1 "$root/var/lib/onestop-kiosk/logs/kiosk.log" | grep -q 'msg=stopped' || { tail -5 "$root/var/lib/onestop-kiosk/logs/kiosk.log" >&2; fail "the kiosk did not log a clean stop"; }
! box_pid '^/usr/bin/kiosk run' >/dev/null || fail "a kiosk is left after systemctl stop"
! box_pid '^/usr/bin/cage' >/dev/null || fail "cage is left after systemctl stop"
say "4. systemctl stop: inactive, result success, in $stop_ms ms; the kiosk logged its clean stop; nothing left"

# 5. Exit 3 keeps it stopped.
printf '[Service]\nEnvironment=KIOSK=/usr/local/bin/kiosk-left\n' >"$root/etc/systemd/system/onestop-kiosk.service.d/left.conf"
in_box systemctl daemon-reload
# (systemctl start counts restarts from 0 again.)
in_box systemctl start onestop-kiosk >/dev/null 2>&1 || true
sleep 12
[ "$(prop ExecMainStatus)" = 3 ] && [ "$(prop NRestarts)" = 0 ] && [ "$(prop ActiveState)" != active ] \
  || fail "a kiosk that exits 3: status $(prop ExecMainStatus), $(prop NRestarts) restarts, $(prop ActiveState)"
say "5. a kiosk that exits 3: the service stays stopped ($(prop ActiveState), no restart in 12 s, RestartSec=5)"

in_box systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 30); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
nspawn_pid=""
printf '{"ready_ms": %d, "watchdog_recovery_s": %d, "loop_stall_recovery_s": %d, "stop_ms": %d}\n' "$ready_ms" "$rec_s" "$loop_s" "$stop_ms" >"$out/figures.json"
say "ok"
