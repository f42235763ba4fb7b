#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use answers at 127.0.0.1:${PGPORT:-5432}, with trust
# authentication and a database named `test` (test/support/databases.ts). On Debian: installs the
# `postgresql` package if it is missing, creates a cluster if there is none on the port, lets
# 127.0.0.1 in without a password, and starts it. Idempotent; prints nothing when all is in place.
set -euo pipefail

HOST=127.0.0.1
PORT="${PGPORT:-5432}"
say() { echo "ensure-postgres: $*" >&2; }
sql() { psql -w -X -q -h "$HOST" -p "$PORT" -U postgres -d postgres -At -c "$1"; }

ensure_test_database() {
  if ! out=$(sql "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>&1); then
    say "the server at $HOST:$PORT answers but refuses user postgres without a password: $out"
    exit 1
  fi
  [ "$out" = 1 ] || { sql "CREATE DATABASE test" && say "created database test"; }
}

if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"; then
  ensure_test_database
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  say "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq postgresql >/dev/null
fi

# Debian's package creates <version>/main on 5432; use whatever cluster owns the port, else make one.
read -r VERSION CLUSTER < <(pg_lsclusters -h | awk -v port="$PORT" '$3 == port { print $1, $2; exit }') || true
if [ -z "${VERSION:-}" ]; then
  VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if [ "$PORT" = 5432 ]; then CLUSTER=main; else CLUSTER="folio_$PORT"; fi
  say "creating cluster $VERSION/$CLUSTER on port $PORT"
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" -- --auth-local=trust --auth-host=trust >/dev/null
fi

# Trust for local connections: a test machine's server, never a production one.
HBA="/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf"
if ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  say "allowing trust authentication from 127.0.0.1 in $HBA"
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nlocal all postgres trust' "$HBA"
fi

say "starting cluster $VERSION/$CLUSTER"
$SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >/dev/null 2>&1 || $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" reload >/dev/null
for _ in $(seq 1 60); do
  pg_isready -q -h "$HOST" -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h "$HOST" -p "$PORT" || { say "PostgreSQL did not come up on $HOST:$PORT"; exit 1; }
ensure_test_database
