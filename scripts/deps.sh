#!/usr/bin/env bash
# Installs the system packages the kiosk needs to build, run and be tested,
# when any is missing. As root it uses apt-get; otherwise it says what to run.
#   scripts/deps.sh run    what building and running needs
#   scripts/deps.sh test   that, plus what the tests need (Xvfb, screenshots, QR reading)
#   scripts/deps.sh narration  that, plus the speech synthesiser and MP3 encoder
#   scripts/deps.sh package    the test set, plus what building and checking
#                              the Debian package takes
set -euo pipefail

run_pkgs=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri libasound2-dev)
# e2fsprogs and mount: the power-cut test makes and mounts an ext4 image.
# procps: the smoke test counts the film player's processes with pgrep.
# poppler-utils: the install sheet test reads its PDF back (pdfinfo, pdftoppm).
# postgresql: the collector's tests run against a throw-away server
# (scripts/pg.sh); util-linux gives runuser, to start it unprivileged.
test_pkgs=(xvfb xauth xdotool imagemagick zbar-tools libxtst-dev mpv libreoffice-calc-nogui time e2fsprogs mount procps poppler-utils
  postgresql util-linux)
narration_pkgs=(espeak-ng lame)
# make package and make packagetest: dpkg-shlibdeps, the package's checkers,
# and debootstrap for the clean Debian root it is installed into.
package_pkgs=(dpkg-dev debootstrap lintian desktop-file-utils appstream xz-utils file zip
  # arm64: Debian's cross compiler, the :arm64 libraries, qemu to run it
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
  libgl1-mesa-dev:arm64 libgles-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
  libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64 libasound2-dev:arm64
  # Windows: mingw-w64, and Wine to run what it builds
  gcc-mingw-w64-x86-64 wine wine64
  # make boottest: systemd-nspawn boots the package's root
  systemd-container
  # make vmtest: qemu runs a whole machine with the package
  qemu-system-x86)

want=("${run_pkgs[@]}")
case "${1:-run}" in
  test) want+=("${test_pkgs[@]}") ;;
  narration) want+=("${test_pkgs[@]}" "${narration_pkgs[@]}") ;;
  package) want+=("${test_pkgs[@]}" "${package_pkgs[@]}") ;;
esac

# The :arm64 libraries need arm64 among dpkg's architectures.
for p in "${want[@]}"; do
  case "$p" in *:arm64)
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
      if [ "$(id -u)" -ne 0 ]; then
        echo "Add the arm64 architecture: sudo dpkg --add-architecture arm64 && sudo apt-get update" >&2
        exit 1
      fi
      dpkg --add-architecture arm64
    fi
    break ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: install Go 1.26 (https://go.dev/doc/install) and put it on PATH." >&2
  exit 1
fi
v=$(go env GOVERSION | sed 's/^go//')
major=${v%%.*}; rest=${v#*.}; minor=${rest%%.*}
if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 26 ]; }; then
  echo "Go $v is too old: the kiosk needs Go 1.26 or newer." >&2
  exit 1
fi
