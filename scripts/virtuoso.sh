#!/usr/bin/env bash
# Runs a private Virtuoso (Debian virtuoso-opensource 7) on loopback, for the tests and for
# trying legiskg against a real external SPARQL store.
#
#   scripts/virtuoso.sh start DIR [HTTP_PORT [SQL_PORT]]   prints the SPARQL endpoint URL
#   scripts/virtuoso.sh stop DIR                           stops it (kill -TERM, then waits)
#
# DIR/endpoint holds the SPARQL endpoint URL, DIR/isql the SQL port (for isql-vt and `kg load`).
#
# DIR holds the database, the ini and the log; ports default to free ones. The new database
# has Virtuoso's default account dba/dba: updates go to /sparql-auth with HTTP Digest.
# Result and time caps of the stock ini (10,000 rows, 60 s) are raised for analysts, and the
# refusal of queries by estimated cost is off (its estimates run orders of magnitude high on
# these joins); MaxQueryExecutionTime still stops a query that really runs long.
set -euo pipefail

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1 http_port=${2:-} sql_port=${3:-}
  command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-t not found: install Debian's virtuoso-opensource"
  local stock=/etc/virtuoso-opensource-7/virtuoso.ini
  [ -r "$stock" ] || die "$stock not found: install Debian's virtuoso-opensource"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ -n "$http_port" ] || http_port=$(free_port)
  [ -n "$sql_port" ] || sql_port=$(free_port)
  # Rewrite the stock ini section by section: database files into DIR, loopback ports,
  # higher caps, more HTTP threads for concurrent analysts.
  awk -v dir="$dir" -v http="127.0.0.1:$http_port" -v sql="127.0.0.1:$sql_port" '
    /^\[/ { section = $0 }
    section == "[Database]" && /^DatabaseFile/       { print "DatabaseFile = " dir "/virtuoso.db"; next }
    section == "[Database]" && /^ErrorLogFile/       { print "ErrorLogFile = " dir "/virtuoso.log"; next }
    section == "[Database]" && /^LockFile/           { print "LockFile = " dir "/virtuoso.lck"; next }
    section == "[Database]" && /^TransactionFile/    { print "TransactionFile = " dir "/virtuoso.trx"; next }
    section == "[Database]" && /^xa_persistent_file/ { print "xa_persistent_file = " dir "/virtuoso.pxa"; next }
    section == "[TempDatabase]" && /^DatabaseFile/   { print "DatabaseFile = " dir "/virtuoso-temp.db"; next }
    section == "[TempDatabase]" && /^TransactionFile/ { print "TransactionFile = " dir "/virtuoso-temp.trx"; next }
    section == "[Parameters]" && /^ServerPort/       { print "ServerPort = " sql; next }
    section == "[Parameters]" && /^DirsAllowed/      { print "DirsAllowed = ., " dir ", /usr/share/virtuoso-opensource-7/vad"; next }
    section == "[Parameters]" && /^MaxClientConnections/ { print "MaxClientConnections = 40"; next }
    section == "[HTTPServer]" && /^ServerPort/       { print "ServerPort = " http; next }
    section == "[HTTPServer]" && /^(MaxClientConnections|ServerThreads|MaxKeepAlives)/ { print $1 " = 40"; next }
    section == "[SPARQL]" && /^ResultSetMaxRows/     { print "ResultSetMaxRows = 1000000"; next }
    section == "[SPARQL]" && /^MaxQueryExecutionTime/ { print "MaxQueryExecutionTime = 600"; next }
    section == "[SPARQL]" && /^MaxQueryCostEstimationTime/ { print "MaxQueryCostEstimationTime = 0"; next }
    section == "[Plugins]" && /^Load/                { next }
    { print }
  ' "$stock" > "$dir/virtuoso.ini"
  echo "http://127.0.0.1:$http_port/sparql" > "$dir/endpoint"
  echo "127.0.0.1:$sql_port" > "$dir/isql"
  (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1) &
  echo $! > "$dir/virtuoso.pid"
  local url="http://127.0.0.1:$http_port/sparql" i
  for i in $(seq 1 120); do
    if ! kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
      tail -n 20 "$dir/virtuoso.log" "$dir/stdout.log" >&2 2>/dev/null || true
      die "virtuoso-t exited while starting (log: $dir/virtuoso.log)"
    fi
    if python3 - "$url" <<'EOF' 2>/dev/null
import sys, urllib.parse, urllib.request
query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
request = urllib.request.Request(sys.argv[1] + "?" + query, headers={"Accept": "application/sparql-results+json"})
with urllib.request.urlopen(request, timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
EOF
    then
      echo "$url"
      return 0
    fi
    sleep 0.5
  done
  stop "$dir"
  die "virtuoso did not answer on $url within 60 s (log: $dir/virtuoso.log)"
}

stop() {
  local dir=$1 pid i
  [ -f "$dir/virtuoso.pid" ] || return 0
  pid=$(cat "$dir/virtuoso.pid")
  if kill -TERM "$pid" 2>/dev/null; then
    for i in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/virtuoso.pid"
}

case "${1:-}" in
  start) [ $# -ge 2 ] || die "usage: $0 start DIR [HTTP_PORT [SQL_PORT]]"; start "$2" "${3:-}" "${4:-}" ;;
  stop)  [ $# -ge 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR [HTTP_PORT [SQL_PORT]] | stop DIR" ;;
esac
