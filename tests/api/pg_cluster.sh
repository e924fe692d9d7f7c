#!/bin/sh
# Run a command with a throwaway PostgreSQL cluster on a loopback port: PLANNER_TEST_POSTGRES_URL
# names it (a SQLAlchemy URL); the cluster and its directory are removed when the command ends.
# Uses Debian's postgresql package (make test installs it when missing). Run as root, the cluster
# belongs to the postgres user; run as anyone else, to that user.
#   tests/api/pg_cluster.sh .venv/bin/pytest tests/api
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "pg_cluster.sh: Debian's postgresql package is not installed (apt-get install postgresql)" >&2
    exit 2
fi
dir=$(mktemp -d /tmp/planner-pg.XXXXXX)
as=""
if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    as="runuser -u postgres --"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
    $as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT INT TERM
$as "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, in $dir)" >&2
PLANNER_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres" "$@"
