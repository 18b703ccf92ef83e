#!/usr/bin/env bash
# Builds the kiosk's Debian 12 package for one architecture:
#   scripts/package.sh amd64|arm64
#   scripts/package.sh windows      kiosk.exe and its logon scripts, zipped
#   scripts/package.sh metainfo     prints the AppStream metadata alone
# into out/package/onestop-kiosk_VERSION_ARCH.deb, with dpkg-deb. arm64 is
# cross-compiled with Debian's aarch64 gcc against the :arm64 development
# libraries (scripts/deps.sh package-arm64 installs them).
#
# MEDIA_URL, when set, is the web address where packaging/screenshots is
# published: the AppStream metadata then lists the screenshots (AppStream
# takes only web addresses for them). The package carries them in
# /usr/share/onestop-kiosk/screenshots either way.
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-amd64}
name=onestop-kiosk
out=out/package
mkdir -p "$out"

# The version: the app's (cmd/kiosk/FyneApp.toml), then the commit's date
# and count, so that each commit's package upgrades the one before.
base=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' cmd/kiosk/FyneApp.toml)
if git rev-parse --git-dir >/dev/null 2>&1; then
  when=$(git log -1 --format=%cd --date=format:%Y%m%d)
  count=$(git rev-list --count HEAD)
  version="$base+$when.$count"
  date=$(git log -1 --format=%cd --date=format:%Y-%m-%d)
else
  version="$base"
  date=$(date -u +%Y-%m-%d)
fi

# metainfo prints the AppStream metadata: the screenshots listed with
# their web addresses when MEDIA_URL is set.
metainfo() {
  local shots="" file caption kind
  while IFS=$'\t' read -r file caption; do
    case "$file" in ''|'#'*) continue ;; esac
    if [ -n "${MEDIA_URL:-}" ]; then
      kind=""
      [ -z "$shots" ] && kind=' type="default"'
      shots+="    <screenshot$kind>\n      <caption>$caption</caption>\n      <image>${MEDIA_URL%/}/$file</image>\n    </screenshot>\n"
    fi
  done < packaging/linux/screenshots.txt
  if [ -n "$shots" ]; then
    shots="  <screenshots>\n$shots  </screenshots>"
  fi
  sed -e "s|@VERSION@|$version|" -e "s|@DATE@|$date|" \
    -e "s|@SCREENSHOTS@|$shots|" packaging/linux/vn.onestop.kiosk.metainfo.xml | sed -e '/^$/d'
}

if [ "$arch" = metainfo ]; then
  metainfo
  exit 0
fi

# Windows: kiosk.exe cross-compiled with mingw-w64, zipped with the
# scripts that start it at logon (packaging/windows).
if [ "$arch" = windows ]; then
  dir="$out/windows/onestop-kiosk"
  rm -rf "$out/windows"
  mkdir -p "$dir"
  echo "package: building kiosk.exe for Windows amd64"
  CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
    go build -buildvcs=true -tags no_emoji -ldflags "-s -w" -o "$dir/kiosk.exe" ./cmd/kiosk
  for f in packaging/windows/*.cmd; do
    sed 's/\r*$/\r/' "$f" >"$dir/$(basename "$f")" # CRLF, as cmd.exe reads them
  done
  zip="$out/onestop-kiosk_${version}_windows_amd64.zip"
  rm -f "$out"/onestop-kiosk_*_windows_amd64.zip
  (cd "$out/windows" && zip -q -r -9 "$OLDPWD/$zip" onestop-kiosk)
  echo "package: $zip ($(du -h "$zip" | cut -f1))"
  exit 0
fi

stage="$out/$arch/root"
rm -rf "$out/$arch"
mkdir -p "$stage/DEBIAN"

case "$arch" in
  amd64) triplet=x86_64-linux-gnu; cc=gcc ;;
  arm64) triplet=aarch64-linux-gnu; cc=aarch64-linux-gnu-gcc ;;
  *) echo "package: unknown architecture $arch (amd64, arm64 or windows)" >&2; exit 2 ;;
esac

echo "package: building the kiosk for $arch"
# -s -w: no symbol tables (a crash report still names functions: Go keeps
# its own tables). The data folder is the system's (/var/lib/onestop-kiosk).
# A position-independent executable, as Debian builds its own: the kiosk
# is loaded at a random address each start.
CGO_ENABLED=1 GOOS=linux GOARCH="$arch" CC="$cc" \
  PKG_CONFIG_PATH="/usr/lib/$triplet/pkgconfig" \
  go build -buildvcs=true -buildmode=pie -tags no_emoji \
  -ldflags "-s -w -X onestop/kiosk.SystemDataDir=/var/lib/$name" \
  -o "$stage/usr/bin/kiosk" ./cmd/kiosk

install -D -m 0644 packaging/linux/onestop-kiosk.service "$stage/usr/lib/systemd/system/$name.service"
install -D -m 0755 packaging/linux/session "$stage/usr/lib/$name/session"
install -D -m 0755 packaging/linux/touch-rotation "$stage/usr/lib/$name/touch-rotation"
install -D -m 0644 packaging/linux/onestop-kiosk.pam "$stage/etc/pam.d/$name"
install -D -m 0644 packaging/linux/default "$stage/etc/default/$name"
install -D -m 0644 packaging/linux/vn.onestop.kiosk.desktop "$stage/usr/share/applications/vn.onestop.kiosk.desktop"
install -D -m 0644 packaging/linux/vn.onestop.kiosk.svg "$stage/usr/share/icons/hicolor/scalable/apps/vn.onestop.kiosk.svg"
install -D -m 0644 packaging/linux/debian/copyright "$stage/usr/share/doc/$name/copyright"
mkdir -p "$stage/usr/share/man/man1"
gzip -9n <packaging/linux/kiosk.1 >"$stage/usr/share/man/man1/kiosk.1.gz"
install -D -m 0644 packaging/linux/debian/README.Debian "$stage/usr/share/doc/$name/README.Debian"

# The screenshots, and the AppStream metadata that lists them.
while IFS=$'\t' read -r file _; do
  case "$file" in ''|'#'*) continue ;; esac
  install -D -m 0644 "packaging/screenshots/$file" "$stage/usr/share/$name/screenshots/$file"
done < packaging/linux/screenshots.txt
mkdir -p "$stage/usr/share/metainfo"
metainfo > "$stage/usr/share/metainfo/vn.onestop.kiosk.metainfo.xml"

# The Debian changelog, from the version (a native package).
mkdir -p "$stage/usr/share/doc/$name"
{
  echo "$name ($version) bookworm; urgency=medium"
  echo
  echo "  * Built from commit $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)."
  echo
  echo " -- ${MAINTAINER:-One-Stop kiosk team <kiosk@onestop-kiosk.vn>}  $(date -R -d "$date 12:00 UTC")"
} | gzip -9n > "$stage/usr/share/doc/$name/changelog.gz"

# The libraries the binary needs, as Debian package names.
shlib=$(mktemp -d)
mkdir -p "$shlib/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" > "$shlib/debian/control"
libs=$(cd "$shlib" && LC_ALL=C DEB_HOST_ARCH=$arch dpkg-shlibdeps -O --warnings=0 -l"/usr/lib/$triplet" -l"/lib/$triplet" \
  "$OLDPWD/$stage/usr/bin/kiosk" | sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlib"
[ -n "$libs" ] || { echo "package: dpkg-shlibdeps found no libraries for the kiosk" >&2; exit 1; }

cp packaging/linux/debian/postinst packaging/linux/debian/prerm packaging/linux/debian/postrm "$stage/DEBIAN/"
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"
printf '/etc/default/%s\n/etc/pam.d/%s\n' "$name" "$name" > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
# Runtime: the libraries (GLFW opens the X extensions' at run time, where
# dpkg-shlibdeps does not see them), cage and XWayland for the session, Mesa's drivers
# for OpenGL (the hardware's or the software one), logind for the seat.
cat > "$stage/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: ${MAINTAINER:-One-Stop kiosk team <kiosk@onestop-kiosk.vn>}
Installed-Size: $size
Depends: $libs, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1, libgl1-mesa-dri, cage, xwayland, systemd, libpam-systemd, adduser, kbd
Recommends: mpv
Suggests: wlr-randr
Section: misc
Priority: optional
Description: touch-screen kiosk that guides residents to online public services
 A kiosk for the One-Stop counters (Bộ phận Một cửa) of commune offices and
 for public postal points. Residents find a procedure, read what to bring,
 the fee and the time, follow narrated lessons, and scan a QR code that opens
 the right page of the National Public Service Portal on their own phone.
 Counter staff record the help they give; admins pull tallies and reports.
 .
 The package starts the kiosk at boot, full screen inside the cage
 compositor on tty1, restarts it if it stops or hangs, and keeps its data in
 /var/lib/onestop-kiosk.
EOF
( cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum ) > "$stage/DEBIAN/md5sums"

# Files root's, whoever builds.
deb="$out/${name}_${version}_${arch}.deb"
rm -f "$out/${name}"_*_"$arch".deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "package: $deb ($(du -h "$deb" | cut -f1))"
