# Sourced by boottest.sh and vmtest.sh, which take a clean root from make
# packagetest's cache and the package from out/package. Both use the
# caller's fail.

# amd64_deb LOG: prints the newest amd64 .deb in out/package, made first
# (its output in LOG) when there is none.
amd64_deb() {
  local deb
  deb=$(ls -t out/package/onestop-kiosk_*_amd64.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    scripts/package.sh amd64 >"$1" 2>&1 || { tail -20 "$1" >&2; fail "scripts/package.sh amd64"; }
    deb=$(ls -t out/package/onestop-kiosk_*_amd64.deb | head -1)
  fi
  echo "$deb"
}

# release_root ROOT NAME: kills what still runs in ROOT, unmounts what is
# mounted under it, deepest first, and deletes it, unless a mount is left
# (never deleting through one: /dev, the apt cache).
release_root() {
  local r=$1 p m
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  grep -o " $r/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
  if grep -q " $r/" /proc/mounts; then echo "$2: $r still has mounts; left in place" >&2; else rm -rf --one-file-system "$r"; fi
}
