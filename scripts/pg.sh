#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL server: a new cluster in a
# temporary folder, listening on loopback only, started as an unprivileged
# user (as root: nobody), and stopped and removed afterwards, whatever the
# command's result. The command finds the server in KIOSK_TEST_PG.
#   scripts/pg.sh COMMAND [ARG...]
# PG_OPTIONS adds server settings (for example "-c max_connections=300").
set -euo pipefail

bindir=""
if command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bindir=$d
  done
fi
if [ -z "$bindir" ]; then
  echo "PostgreSQL's server is not installed: run scripts/deps.sh test (as root) or apt-get install postgresql" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody: "$dir"
  as=(runuser -u nobody --)
fi
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2; exit 1; }

# A free port on loopback: one nothing answers on.
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 ${PG_OPTIONS:-}" start >/dev/null || {
  cat "$dir/server.log" >&2; exit 1; }

export KIOSK_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for: $*" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
