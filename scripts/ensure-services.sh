#!/usr/bin/env bash
# Install (Debian: postgresql-15-postgis-3, redis-server) and start PostgreSQL 15 with
# PostGIS and Redis when they are missing or stopped: the team store, the job broker
# and the tests that run against them (tests/team) need both on 127.0.0.1.
#   PostgreSQL: 127.0.0.1:5432, trust auth on loopback, a superuser role for the caller.
#   Redis:      127.0.0.1:6379, no persistence (the broker of tests and a dev machine).
# Idempotent: does nothing when both answer. Never downloads anything but Debian packages.
set -euo pipefail
PG_VERSION=15
PG_CLUSTER=main
REDIS_PORT=${REDIS_PORT:-6379}

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

need_install=()
[ -f /usr/share/postgresql/$PG_VERSION/extension/postgis.control ] \
  || need_install+=(postgresql-$PG_VERSION postgresql-$PG_VERSION-postgis-3 postgresql-client-$PG_VERSION)
command -v redis-server >/dev/null 2>&1 || need_install+=(redis-server)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "Installing ${need_install[*]} from Debian (a minute or two)..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

# PostgreSQL: a cluster, loopback trust, running, a role for the caller.
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
  as_root pg_createcluster $PG_VERSION $PG_CLUSTER >/dev/null
fi
HBA=/etc/postgresql/$PG_VERSION/$PG_CLUSTER/pg_hba.conf
if ! as_root grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  # Loopback only: the test and development cluster, never a team server's settings.
  as_root sed -i '1i host all all 127.0.0.1/32 trust' "$HBA"
  as_root pg_ctlcluster --skip-systemctl-redirect $PG_VERSION $PG_CLUSTER reload 2>/dev/null || true
fi
if ! pg_lsclusters -h | awk -v v=$PG_VERSION -v c=$PG_CLUSTER '$1==v && $2==c {print $4}' | grep -q online; then
  echo "Starting PostgreSQL $PG_VERSION/$PG_CLUSTER..."
  as_root pg_ctlcluster --skip-systemctl-redirect $PG_VERSION $PG_CLUSTER start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start" >&2; exit 1; }
ME=$(id -un)
psql -h 127.0.0.1 -U postgres -d postgres -Atqc "SELECT 1 FROM pg_roles WHERE rolname = '$ME'" \
  | grep -q 1 || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE ROLE \"$ME\" SUPERUSER LOGIN"

# Redis.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  echo "Starting Redis on 127.0.0.1:$REDIS_PORT..."
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    >/dev/null
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
    sleep 0.5
  done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG || { echo "Redis did not start" >&2; exit 1; }
echo "services: PostgreSQL $PG_VERSION (PostGIS) on 127.0.0.1:5432, Redis on 127.0.0.1:$REDIS_PORT"
