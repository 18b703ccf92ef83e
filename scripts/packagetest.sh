#!/usr/bin/env bash
# make packagetest: the kiosk as a new machine meets it. Needs root.
#  1. The project's own dependency step (scripts/deps.sh test) in a fresh
#     Debian 12 root made with debootstrap --variant=minbase and given Go
#     only; then every program the Makefile and scripts call must be there.
#  2. The amd64 package: lintian (no errors), desktop-file-validate,
#     appstreamcli validate, then installed with apt into another clean
#     root: systemd-analyze verify on its service, kiosk --version, kiosk
#     status, a start under Xvfb that reaches the poster screen (timed from
#     the start to the first frame), a clean stop, the session itself in
#     cage on wlroots' headless backend (turned for a portrait stand, a
#     screenshot through the compositor with grim), the session's exit
#     statuses.
#  3. An upgrade over it that keeps the data.
#  4. The arm64 package, cross-built: dpkg-deb --info, file (aarch64), and
#     kiosk --version under qemu-user-static.
#  5. The Windows build, cross-built with mingw-w64: kiosk.exe --version and
#     content check under Wine.
# The debootstrap root is cached in KIOSK_CACHE (default ~/.cache/onestop-kiosk)
# with the Debian packages downloaded; screenshots go to out/packagetest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb.sh

[ "$(id -u)" -eq 0 ] || { echo "packagetest: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
fail() { echo "packagetest: FAIL: $*" >&2; exit 1; }
say() { echo "packagetest: $*"; }

out=$(realpath -m out/packagetest)
rm -rf "$out"
mkdir -p "$out"
cache=${KIOSK_CACHE:-$HOME/.cache/onestop-kiosk}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$cache/apt"
tarball="$cache/bookworm-minbase.tar"

roots=()
xvfb_pid=""
cleanup() {
  local r p
  set +e
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for r in "${roots[@]}"; do
    # Whatever still runs in the root, then its mounts, deepest first.
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill -9 "${p#/proc/}" 2>/dev/null
    done
    grep -o " $r/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
    # Never delete through a mount left behind (/dev, Go, the X socket).
    if grep -q " $r/" /proc/mounts; then
      echo "packagetest: $r still has mounts; left in place" >&2
    else
      rm -rf --one-file-system "$r"
    fi
  done
}
trap cleanup EXIT

# new_root sets R to a fresh root: the cached debootstrap, unpacked anew.
if [ ! -s "$tarball" ]; then
  say "debootstrap --variant=minbase bookworm (cached in $tarball from now on)"
  tmp=$(mktemp -d /var/tmp/kiosk-debootstrap.XXXXXX)
  roots+=("$tmp")
  debootstrap --variant=minbase --cache-dir="$cache/apt" bookworm "$tmp" "$mirror" >"$out/debootstrap.log" 2>&1 \
    || { tail -20 "$out/debootstrap.log" >&2; fail "debootstrap"; }
  tar -C "$tmp" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
fi
new_root() {
  local r
  r=$(mktemp -d /var/tmp/kiosk-root.XXXXXX)
  roots+=("$r")
  tar -C "$r" -xf "$tarball"
  chmod 0755 "$r" # its / is everyone's, as on a machine
  mount -t proc proc "$r/proc"
  mount -t sysfs sys "$r/sys"
  mount --bind /dev "$r/dev"
  mount -t tmpfs -o mode=1777 shm "$r/dev/shm"
  mount --bind "$cache/apt" "$r/var/cache/apt/archives"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  R=$r
}
# in_root_pid NAME: the process named NAME running in the package's root.
in_root_pid() {
  local p
  for p in /proc/[0-9]*; do
    if [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && [ "$(cat "$p/comm" 2>/dev/null)" = "$1" ]; then
      echo "${p#/proc/}"
      return 0
    fi
  done
  echo "packagetest: no $1 process in the root" >&2
  return 1
}
in_root() { local r=$1; shift; chroot "$r" env -i PATH=/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

t_start=$(date +%s)

# 1. The project's dependency step on a machine with Go and nothing else
# (and make and git, which running make in a clone takes). A program that
# a script calls and no dependency step installs fails here, in minutes,
# not twelve minutes into make test.
new_root
dep=$R
mkdir -p "$dep/usr/local/go" "$dep/src"
mount --bind -o ro "$(go env GOROOT)" "$dep/usr/local/go"
cp -r scripts "$dep/src/"
# called FILE...: the programs FILEs call: words in a command's place that
# name a program on this machine. An array's first word (pkgs=(name ...)) is
# data, not a command.
called() {
  local p d
  for p in $(sed -e 's/#.*//' -e 's/=(/= /g' "$@" |
    grep -oE '(^|[|;&({`]|\$\(|then |do |else |xargs |timeout [0-9]+ |env )[[:space:]]*[a-z][a-z0-9_.+-]*' |
    grep -oE '[a-z][a-z0-9_.+-]*$' | sort -u); do
    case "$p" in go|gofmt|make|git) continue ;; esac
    for d in /usr/bin /bin /usr/sbin /sbin; do
      if [ -x "$d/$p" ] && [ ! -d "$d/$p" ]; then echo "$p"; break; fi
    done
  done
}
# check_called STEP FILE...: each program FILEs call is in the root.
check_called() {
  local step=$1 p missing=() n=0
  shift
  for p in $(called "$@"); do
    n=$((n + 1))
    in_root "$dep" sh -c "command -v '$p'" >/dev/null || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || fail "called by $* but not installed by $step: ${missing[*]}"
  say "   $step installs all $n programs that $* call"
}
say "1. the dependency steps in a fresh minbase root with Go"
in_root "$dep" /src/scripts/deps.sh test >"$out/deps-in-root.log" 2>&1 \
  || { tail -20 "$out/deps-in-root.log" >&2; fail "scripts/deps.sh test in a fresh root"; }
check_called "deps.sh test" Makefile scripts/smoke.sh scripts/xvfb.sh scripts/pg.sh scripts/deps.sh
in_root "$dep" /src/scripts/deps.sh package >>"$out/deps-in-root.log" 2>&1 \
  || { tail -20 "$out/deps-in-root.log" >&2; fail "scripts/deps.sh package in a fresh root"; }
check_called "deps.sh package" Makefile scripts/*.sh .ci/run

# 2. The package.
scripts/package.sh amd64 | tee "$out/package.log"
deb=$(ls out/package/onestop-kiosk_*_amd64.deb)
size=$(stat -c %s "$deb")
say "2. $deb: $((size / 1024)) KiB"
lintian --tag-display-limit 0 "$deb" >"$out/lintian.txt" 2>&1 || true
if grep -q '^E: ' "$out/lintian.txt"; then cat "$out/lintian.txt" >&2; fail "lintian found errors"; fi
say "   lintian: no errors ($(grep -c '^W: ' "$out/lintian.txt" || true) warnings: $(grep '^W: ' "$out/lintian.txt" | awk '{print $3}' | tr '\n' ' '))"
x="$out/unpacked"
dpkg-deb -x "$deb" "$x"
desktop-file-validate "$x/usr/share/applications/vn.onestop.kiosk.desktop" | grep -v '^.*: hint: ' && fail "desktop-file-validate" || true
appstreamcli validate --no-net "$x/usr/share/metainfo/vn.onestop.kiosk.metainfo.xml" >"$out/appstream.txt" 2>&1 \
  || { cat "$out/appstream.txt" >&2; fail "appstreamcli validate"; }
MEDIA_URL=https://media.test/onestop-kiosk scripts/package.sh metainfo >"$out/metainfo-with-screenshots.xml"
appstreamcli validate --no-net "$out/metainfo-with-screenshots.xml" >>"$out/appstream.txt" 2>&1 \
  || { cat "$out/appstream.txt" >&2; fail "appstreamcli validate (with screenshots)"; }
say "   desktop-file-validate and appstreamcli validate pass (the metadata with and without MEDIA_URL)"

new_root
root=$R
cp "$deb" "$root/tmp/onestop-kiosk.deb"
t0=$(date +%s)
in_root "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/onestop-kiosk.deb' \
  >"$out/install.log" 2>&1 || { tail -30 "$out/install.log" >&2; fail "apt-get install of the package"; }
say "   installed with its dependencies into a clean root in $(($(date +%s) - t0)) s"
in_root "$root" systemd-analyze verify /usr/lib/systemd/system/onestop-kiosk.service >"$out/systemd-analyze.txt" 2>&1 \
  || { cat "$out/systemd-analyze.txt" >&2; fail "systemd-analyze verify"; }
say "   systemd-analyze verify: ok"
v=$(in_root "$root" kiosk --version) || fail "kiosk --version"
case "$v" in "onestop kiosk "*) ;; *) fail "kiosk --version printed: $v" ;; esac
say "   kiosk --version: $v"
as_kiosk() { chroot "$root" runuser -u onestop-kiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/onestop-kiosk LANG=vi_VN.UTF-8 "$@"; }
as_kiosk kiosk status >"$out/status-new.txt" 2>&1 || { cat "$out/status-new.txt" >&2; fail "kiosk status"; }
grep -q '^data folder: *\/var\/lib\/onestop-kiosk$' "$out/status-new.txt" || { cat "$out/status-new.txt" >&2; fail "kiosk status does not use /var/lib/onestop-kiosk"; }
say "   kiosk status: ok, on /var/lib/onestop-kiosk"

# Starts under Xvfb (this machine's, its socket shared with the root):
# from the start to the first frame of the poster screen. The first start
# makes the database; STARTS more give the median of a usual start.
start_xvfb 110 140 1366x768 || fail "no X server"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
fw=bin/framewatch
[ -x "$fw" ] || go build -o "$fw" ./tools/framewatch
frames=()
for i in $(seq 0 "${STARTS:-3}"); do
  timeout 90 "$fw" first Kiosk >"$out/first-frame.txt" 2>&1 &
  fw_pid=$!
  as_kiosk DISPLAY="$DISPLAY" LIBGL_ALWAYS_SOFTWARE=1 kiosk run --fullscreen >"$out/kiosk-xvfb.log" 2>&1 &
  kiosk_pid=$!
  wait "$fw_pid" || { cat "$out/kiosk-xvfb.log" >&2; fail "no kiosk frame under Xvfb"; }
  frames+=("$(tail -1 "$out/first-frame.txt")")
  if [ "$i" -eq 0 ]; then
    sleep 2
    import -window root "$out/poster-xvfb.png"
    colours=$(convert "$out/poster-xvfb.png" -format '%k' info:)
    [ "$colours" -ge 50 ] || fail "the poster screen is nearly blank ($colours colours)"
  fi
  # runuser passes the kiosk's exit status on, but on a signal to itself
  # it ends by that signal: the signal goes to the kiosk.
  kill -TERM "$(in_root_pid kiosk)"
  rc=0
  wait "$kiosk_pid" || rc=$?
  [ "$rc" -eq 0 ] || { cat "$out/kiosk-xvfb.log" >&2; fail "kiosk exited $rc on SIGTERM"; }
  grep -q '"running": false' "$root/var/lib/onestop-kiosk/run.json" || fail "run.json does not say the run ended cleanly"
done
first=${frames[0]}
median=$(printf '%s\n' "${frames[@]:1}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
say "   under Xvfb: the poster screen ($colours colours -> $out/poster-xvfb.png); first frame after $first ms at the first start, median $median ms over $((${#frames[@]} - 1)) more (${frames[*]:1} ms); each SIGTERM: exit 0, recorded as a clean end"
kill "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""

# The session: cage on wlroots' headless backend, the kiosk on its
# XWayland, turned for a portrait stand (ROTATE=90), as the service runs it.
# grim (a test tool only) reads the picture back through the compositor.
in_root "$root" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends grim' >>"$out/install.log" 2>&1 \
  || fail "apt-get install grim"
rt=/run/onestop-kiosk
mkdir -p "$root$rt"
chroot "$root" chown onestop-kiosk:onestop-kiosk "$rt"
chmod 0700 "$root$rt"
session() { # ENV... : runs the session script in the background as the service would
  chroot "$root" runuser -u onestop-kiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/onestop-kiosk LANG=vi_VN.UTF-8 \
    XDG_RUNTIME_DIR=$rt RUNTIME_DIRECTORY=$rt WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    "$@" /usr/bin/kiosk notify-relay /usr/lib/onestop-kiosk/session >>"$out/session.log" 2>&1 &
  session_pid=$!
}
# The service's main process: kiosk notify-relay, which systemd signals.
relay_pid() { pgrep -f '^/usr/bin/kiosk notify-relay /usr/lib/onestop-kiosk/session$' || true; }
# systemd's side of the notify protocol: READY=1 once the window is up,
# then WATCHDOG=1 (here every second: WatchdogSec=3).
notify=bin/sdnotify
[ -x "$notify" ] || go build -o "$notify" ./tools/sdnotify
"$notify" "$root$rt/systemd-notify" WATCHDOG=1 3 90s >"$out/notify.txt" 2>&1 &
notify_pid=$!
for _ in $(seq 50); do [ -S "$root$rt/systemd-notify" ] && break; sleep 0.1; done
session ROTATE=90 NOTIFY_SOCKET=$rt/systemd-notify WATCHDOG_USEC=3000000
ok=""
for _ in $(seq 60); do
  sleep 1
  if grep -q 'text scale' "$root/var/lib/onestop-kiosk/logs/kiosk.log" 2>/dev/null && [ -S "$root$rt/wayland-0" ]; then
    sleep 4
    if chroot "$root" runuser -u onestop-kiosk -- env XDG_RUNTIME_DIR=$rt WAYLAND_DISPLAY=wayland-0 grim "$rt/cage.png" 2>>"$out/session.log"; then
      ok=1; break
    fi
  fi
done
[ -n "$ok" ] || { tail -30 "$out/session.log" >&2; fail "no picture from cage"; }
cp "$root$rt/cage.png" "$out/poster-cage-portrait.png"
dims=$(identify -format '%wx%h' "$out/poster-cage-portrait.png")
colours=$(convert "$out/poster-cage-portrait.png" -format '%k' info:)
[ "$colours" -ge 50 ] || fail "the session's screen is nearly blank ($colours colours)"
w=${dims%x*}; h=${dims#*x}
[ "$h" -gt "$w" ] || fail "ROTATE=90 did not turn the picture: $dims"
say "   the session in cage (headless, ROTATE=90): a portrait picture, $dims, $colours colours -> $out/poster-cage-portrait.png"
wait "$notify_pid" || { cat "$out/notify.txt" >&2; fail "the kiosk did not ping the watchdog 3 times"; }
ready=$(awk '$2 == "READY=1" {print $1; exit}' "$out/notify.txt")
[ -n "$ready" ] || { cat "$out/notify.txt" >&2; fail "no READY=1 from the kiosk in its session"; }
say "   notify protocol: READY=1 ${ready} ms after the session started, then WATCHDOG=1 every second"
kill -TERM "$(relay_pid)"
rc=0
wait "$session_pid" || rc=$?
[ "$rc" -eq 0 ] || { tail -20 "$out/session.log" >&2; fail "the session exited $rc on SIGTERM"; }
say "   SIGTERM to the session: the kiosk stopped cleanly, the session exited 0"

# The session passes the kiosk's exit status on through cage: 3 (an admin
# left kiosk mode) keeps the service stopped; a kill restarts it.
printf '#!/bin/sh\nexit 3\n' >"$root/tmp/left"
printf '#!/bin/sh\nkill -KILL $$\n' >"$root/tmp/killed"
chmod 755 "$root/tmp/left" "$root/tmp/killed"
for case in left:3 killed:137; do
  session KIOSK=/tmp/${case%%:*}
  rc=0
  wait "$session_pid" || rc=$?
  [ "$rc" -eq "${case#*:}" ] || { tail -20 "$out/session.log" >&2; fail "a kiosk that ${case%%:*}: the session exited $rc, want ${case#*:}"; }
done
say "   the session passes the kiosk's exit status on: 3 when an admin left, 137 when killed"

# A stop that comes as the session starts, before the kiosk has (systemd
# stopping a service it has just started): the session ends soon, and no
# kiosk is left running. Tried until the stop has come at least once before
# the kiosk started (the script is caught as it starts, from its parent).
early_before=0; early_runs=""
for try in 1 2 3 4 5; do
  rm -f "$root$rt/kiosk-pid"
  session
  sp=""
  for _ in $(seq 1000); do
    sp=$(relay_pid)
    [ -n "$sp" ] && break
  done
  [ -n "$sp" ] || fail "the session script did not start"
  kill -TERM $sp
  when="as"
  for _ in $(seq 30); do kill -0 "$session_pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$session_pid" 2>/dev/null; then
    tail -20 "$out/session.log" >&2
    fail "a stop as the session started ($when the kiosk started): the session still runs after 30 s"
  fi
  rc=0
  wait "$session_pid" || rc=$?
  # No kiosk-pid: the shell in cage saw the stop and never started it.
  if [ -e "$root$rt/kiosk-pid" ]; then when=after; else when=before; fi
  case $rc in 0|143) ;; *) tail -20 "$out/session.log" >&2; fail "a stop as the session started ($when the kiosk started): the session exited $rc" ;; esac
  ! in_root_pid kiosk >/dev/null 2>&1 || fail "a stop as the session started: a kiosk is left running"
  ! in_root_pid cage >/dev/null 2>&1 || fail "a stop as the session started: cage is left running"
  early_runs+="$when:$rc "
  if [ "$when" = before ]; then early_before=1; break; fi
done
[ "$early_before" = 1 ] || fail "a stop never came before the kiosk started in 5 tries ($early_runs)"
say "   SIGTERM as the session starts, before the kiosk has: the session ended, no kiosk or cage left (tries, when:exit: ${early_runs% })"

# The touch screen turned with the picture.
in_root "$root" env ROTATE=90 RULES_DIR=/tmp/rules /usr/lib/onestop-kiosk/touch-rotation
grep -q 'LIBINPUT_CALIBRATION_MATRIX}="0 -1 1 1 0 0"' "$root/tmp/rules/90-onestop-kiosk-touch.rules" || fail "touch-rotation for ROTATE=90"
in_root "$root" env ROTATE=0 RULES_DIR=/tmp/rules /usr/lib/onestop-kiosk/touch-rotation
[ ! -e "$root/tmp/rules/90-onestop-kiosk-touch.rules" ] || fail "touch-rotation left the rule for ROTATE=0"
say "   touch-rotation: the 90-degree matrix for ROTATE=90, no rule for 0"

# 3. An upgrade over it keeps the records, the staff, the settings.
as_kiosk kiosk demo-data --data /var/lib/onestop-kiosk --sessions 40 --days 5 >>"$out/upgrade.log" 2>&1 \
  || { tail "$out/upgrade.log" >&2; fail "kiosk demo-data"; }
echo 24682468 | as_kiosk kiosk staff add --code AD01 --name "Nguyễn Văn A" --role admin >>"$out/upgrade.log" 2>&1 \
  || { tail "$out/upgrade.log" >&2; fail "kiosk staff add"; }
printf '{"site_name": "Xã Thử Nghiệm"}\n' >"$root/var/lib/onestop-kiosk/site.json"
chroot "$root" chown onestop-kiosk:onestop-kiosk /var/lib/onestop-kiosk/site.json
sed -i 's/^ROTATE=0/ROTATE=90/' "$root/etc/default/onestop-kiosk"
snapshot() {
  as_kiosk kiosk db check 2>/dev/null
  as_kiosk kiosk staff list 2>/dev/null | sort
  as_kiosk kiosk tally --from 2020-01-01 --to 2030-12-31 --by procedure 2>/dev/null
  cat "$root/var/lib/onestop-kiosk/site.json"
  grep '^ROTATE=' "$root/etc/default/onestop-kiosk"
}
snapshot >"$out/before-upgrade.txt"
grep -q 'AD01' "$out/before-upgrade.txt" || fail "no staff before the upgrade"
# The next version: the same package, its version one step on.
up="$out/upgrade"
dpkg-deb -R "$deb" "$up"
old_version=$(sed -n 's/^Version: //p' "$up/DEBIAN/control")
sed -i "s/^Version: .*/Version: $old_version.1/" "$up/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$up" "$root/tmp/onestop-kiosk-next.deb" >/dev/null
in_root "$root" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/onestop-kiosk-next.deb' \
  >>"$out/install.log" 2>&1 || { tail -20 "$out/install.log" >&2; fail "the upgrade"; }
now=$(in_root "$root" dpkg-query -W -f='${Version}' onestop-kiosk)
[ "$now" = "$old_version.1" ] || fail "after the upgrade the version is $now"
snapshot >"$out/after-upgrade.txt"
diff -u "$out/before-upgrade.txt" "$out/after-upgrade.txt" || fail "the upgrade changed the data, the staff or the settings"
say "   upgraded $old_version -> $now: records, staff, site.json and /etc/default kept ($(head -1 "$out/after-upgrade.txt"))"

# 4. The arm64 package, cross-built: its control data, an aarch64 ELF, and
# kiosk --version under qemu-user with the :arm64 libraries.
scripts/package.sh arm64 | tee -a "$out/package.log"
deb64=$(ls out/package/onestop-kiosk_*_arm64.deb)
size64=$(stat -c %s "$deb64")
dpkg-deb --info "$deb64" >"$out/arm64-info.txt"
grep -q '^ Architecture: arm64$' "$out/arm64-info.txt" || fail "the arm64 package's control says: $(grep Architecture "$out/arm64-info.txt")"
x64="$out/unpacked-arm64"
dpkg-deb -x "$deb64" "$x64"
elf=$(file -b "$x64/usr/bin/kiosk")
case "$elf" in *"ELF 64-bit"*"ARM aarch64"*) ;; *) fail "the arm64 kiosk is: $elf" ;; esac
v64=$(timeout 120 qemu-aarch64-static -L / "$x64/usr/bin/kiosk" --version) || fail "kiosk --version under qemu-aarch64 (exit $?)"
case "$v64" in "onestop kiosk "*"(go"*) ;; *) fail "the arm64 kiosk --version printed: $v64" ;; esac
lintian --tag-display-limit 0 "$deb64" >"$out/lintian-arm64.txt" 2>&1 || true
if grep -q '^E: ' "$out/lintian-arm64.txt"; then cat "$out/lintian-arm64.txt" >&2; fail "lintian found errors in the arm64 package"; fi
say "4. $deb64: $((size64 / 1024)) KiB, $(echo "$elf" | cut -d, -f1-2); under qemu: $v64; lintian: no errors"
# And a whole start under qemu, on Xvfb: OpenGL ES through Mesa's aarch64
# software renderer, all emulated; to the poster's first frame.
start_xvfb 110 140 1366x768 || fail "no X server"
timeout 180 "$fw" first Kiosk >"$out/arm64-first-frame.txt" 2>&1 &
fw_pid=$!
LANG=vi_VN.UTF-8 qemu-aarch64-static -L / "$x64/usr/bin/kiosk" --data "$out/arm64-data" >"$out/arm64-run.log" 2>&1 &
arm_pid=$!
wait "$fw_pid" || { tail "$out/arm64-run.log" >&2; fail "the arm64 kiosk under qemu drew no frame within 180 s"; }
arm_first=$(tail -1 "$out/arm64-first-frame.txt")
sleep 3
import -window root "$out/poster-arm64-qemu.png"
kill -TERM "$arm_pid"
rc=0
wait "$arm_pid" || rc=$?
[ "$rc" -eq 0 ] || { tail "$out/arm64-run.log" >&2; fail "the arm64 kiosk under qemu exited $rc on SIGTERM"; }
kill "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""
say "   the arm64 kiosk started under qemu on Xvfb: first frame after $arm_first ms (emulated), exit 0 on SIGTERM -> $out/poster-arm64-qemu.png"

# 5. Windows: kiosk.exe cross-built with mingw-w64, run under Wine.
scripts/package.sh windows | tee -a "$out/package.log"
zip=$(ls out/package/onestop-kiosk_*_windows_amd64.zip)
sizewin=$(stat -c %s "$zip")
exe=out/package/windows/onestop-kiosk/kiosk.exe
case "$(file -b "$exe")" in *"PE32+ executable"*"x86-64"*) ;; *) fail "kiosk.exe is: $(file -b "$exe")" ;; esac
export WINEPREFIX="$cache/wine" WINEDEBUG=-all
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Go's runtime loads
# at the start on Windows 10: a stand-in, for this prefix only.
timeout 300 wine wineboot --init >>"$out/wine.log" 2>&1 || true
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tools/wineshim/bcryptprimitives.c tools/wineshim/bcryptprimitives.def -ladvapi32 || fail "the Wine stand-in for bcryptprimitives.dll"
vwin=$(timeout 300 wine "$exe" --version 2>>"$out/wine.log" | tr -d '\r') || { tail "$out/wine.log" >&2; fail "kiosk.exe --version under Wine"; }
case "$vwin" in "onestop kiosk "*) ;; *) fail "kiosk.exe --version printed: $vwin" ;; esac
timeout 300 wine "$exe" content check >"$out/wine-content-check.txt" 2>>"$out/wine.log" \
  || { cat "$out/wine-content-check.txt" >&2; tail "$out/wine.log" >&2; fail "kiosk.exe content check under Wine"; }
say "5. $zip: $((sizewin / 1024)) KiB; under Wine: kiosk.exe --version: $vwin; content check: $(tr -d '\r' <"$out/wine-content-check.txt" | head -1)"

# The logon scripts, run by Wine's cmd.exe as the zip ships them (CRLF).
# Wine 8 has no timeout.exe, which kiosk-session.cmd waits with: a stand-in
# in this prefix. The session runs a stand-in kiosk.exe that exits 1, 0,
# then 3, and notes each start.
x86_64-w64-mingw32-gcc -O2 -o "$WINEPREFIX/drive_c/windows/system32/timeout.exe" tools/wineshim/timeout.c \
  || fail "the Wine stand-in for timeout.exe"
wtmp=$(mktemp -d)
wdir=$(dirname "$exe")
winuser=$(id -un)
installed="$WINEPREFIX/drive_c/users/$winuser/AppData/Local/Programs/OneStopKiosk"
# (Wine's prefix spells the folder "StartUp"; cmd finds it as "Startup".)
programs="$WINEPREFIX/drive_c/users/$winuser/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
startup=$(find "$programs" -maxdepth 1 -iname startup | head -1)
launcher="${startup:-$programs/StartUp}/OneStopKiosk.cmd"
rm -rf "$installed" "$launcher"
wcmd() { timeout 120 wine cmd /c "$(winepath -w "$1")" "${@:2}" 2>>"$out/wine.log" | tr -d '\r'; }
# Without kiosk.exe beside it: a message, nothing installed.
mkdir "$wtmp/bare"
cp "$wdir/install-startup.cmd" "$wtmp/bare/"
wcmd "$wtmp/bare/install-startup.cmd" >"$out/wine-install-bare.txt" || true
grep -q "kiosk.exe is not beside this script" "$out/wine-install-bare.txt" || { cat "$out/wine-install-bare.txt" >&2; fail "install-startup.cmd without kiosk.exe did not say so"; }
[ ! -e "$launcher" ] && [ ! -e "$installed/kiosk.exe" ] || fail "install-startup.cmd without kiosk.exe installed something"
# Installed: the program and the session copied, a launcher at logon.
wcmd "$wdir/install-startup.cmd" >"$out/wine-install.txt" || true
grep -q "^Installed in" "$out/wine-install.txt" || { cat "$out/wine-install.txt" >&2; fail "install-startup.cmd under Wine"; }
cmp -s "$exe" "$installed/kiosk.exe" || fail "install-startup.cmd: kiosk.exe not copied whole"
cmp -s "$wdir/kiosk-session.cmd" "$installed/kiosk-session.cmd" || fail "install-startup.cmd: kiosk-session.cmd not copied"
want_line="start \"Kiosk\" /min \"C:\\users\\$winuser\\AppData\\Local\\Programs\\OneStopKiosk\\kiosk-session.cmd\""
tr -d '\r' <"$launcher" | grep -qxF "$want_line" || { cat "$launcher" >&2; fail "the logon launcher does not start the installed session: want $want_line"; }
# The session: started again 5 s after a crash and after a stop, with
# --fullscreen; ended by exit 3.
mkdir "$wtmp/session"
cp "$installed/kiosk-session.cmd" "$wtmp/session/"
x86_64-w64-mingw32-gcc -O2 -o "$wtmp/session/kiosk.exe" tools/wineshim/sessionkiosk.c || fail "the stand-in kiosk.exe"
t_s=$(date +%s)
wcmd "$wtmp/session/kiosk-session.cmd" >"$out/wine-session.txt" || true
sess_s=$(($(date +%s) - t_s))
runs=$(tr -d '\r' <"$wtmp/session/runs.txt" 2>/dev/null || true)
[ "$(echo "$runs" | wc -l)" -eq 3 ] || { echo "$runs" >&2; fail "kiosk-session.cmd started the kiosk $(echo "$runs" | wc -l) times, want 3 (exit 1, 0, then 3 ends it)"; }
echo "$runs" | awk '$2 != "run" || $3 != "--fullscreen" { bad = 1 } NR > 1 && $1 - prev < 4500 { bad = 1 } { prev = $1 } END { exit bad }' \
  || { echo "$runs" >&2; fail "kiosk-session.cmd: each start is 'run --fullscreen', 5 s after the one before"; }
gaps=$(echo "$runs" | awk 'NR > 1 { printf "%s%d", sep, $1 - prev; sep = ", " } { prev = $1 }')
# Removed: no launcher; the program stays.
wcmd "$wdir/install-startup.cmd" /remove >"$out/wine-remove.txt" || true
[ ! -e "$launcher" ] || fail "install-startup.cmd /remove left the logon launcher"
[ -e "$installed/kiosk.exe" ] || fail "install-startup.cmd /remove took the program away"
rm -rf "$wtmp"
say "   under Wine's cmd: install-startup.cmd refuses without kiosk.exe, installs the program and a logon launcher that starts the session, /remove takes the launcher only; kiosk-session.cmd restarted the kiosk after exit 1 and 0 (${gaps} ms apart) and ended on exit 3 (${sess_s} s)"

echo "packagetest: ok in $(($(date +%s) - t_start)) s; .deb $((size / 1024)) KiB (arm64 $((size64 / 1024)) KiB, Windows .zip $((sizewin / 1024)) KiB); first poster frame ${median} ms after the start (median)"
printf '{"deb_bytes": %d, "deb_arm64_bytes": %d, "windows_zip_bytes": %d, "first_start_frame_ms": %s, "start_frame_median_ms": %s, "session_ready_ms": %s}\n' "$size" "$size64" "$sizewin" "$first" "$median" "$ready" >"$out/figures.json"
