# A throwaway PostgreSQL server for bin/bench (and whoever else needs one outside the JVM's tests):
# Debian's server programs, a cluster in a temporary directory, trust on loopback, durable
# defaults (fsync on, as a real server is), run as the postgres user when we are root.
#   pg_throwaway_start DIR   starts it; sets PG_PORT and PG_BIN
#   pg_throwaway_stop DIR    stops it (immediate) and leaves DIR to its caller
#   pg_as_server_user CMD…   runs CMD as the server's user

pg_binaries() {
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
  elif command -v initdb >/dev/null; then
    dirname "$(command -v initdb)"
  else
    echo "no PostgreSQL server programs (initdb, pg_ctl): apt-get install postgresql" >&2
    return 1
  fi
}

pg_as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_throwaway_start() {
  local dir=$1
  PG_BIN=$(pg_binaries)
  PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  pg_as_server_user "$PG_BIN/initdb" -D "$dir/data" -U omnivault -A trust -E UTF8 --locale=C >/dev/null
  pg_as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U omnivault vault
}

pg_throwaway_stop() {
  local dir=$1
  [ -d "$dir/data" ] && pg_as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}
