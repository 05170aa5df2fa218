#!/usr/bin/env bash
# A further edge node beside the two of `./trunkline run`, for the cluster's capacity (issue #16, item 4):
# edge-N with edge-2's configuration and JVM options (read from the running edge-2), on SIP port 5079+N and
# cluster port 5700+N, joining the same cluster and deciding through the same platform. The demo realm has
# accounts for edge-1 and edge-2 only, so the extra node asks for its decisions as edge-2 (the platform does not tie
# an account to a node id; each node's records and events still carry its own node.id). Its log is
# run/logs/edge-N.log; `./trunkline stop` does not know it: stop it with `bench/run-extra-edge.sh stop N`.
#
# Usage: bench/run-extra-edge.sh start N | stop N     (N >= 3)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] && [ "$2" -ge 3 ] 2>/dev/null || { sed -n '2,8p' "$0"; exit 2; }
n=$2
RUN=$PWD/run
case "$1" in
  start)
    model=$(pgrep -f 'sip-edge.jar --config .*edge-2.properties' | head -1 || true)
    [ -n "$model" ] || { echo "edge-2 is not running (./trunkline run)"; exit 1; }
    ! pgrep -f "sip-edge.jar --config .*edge-$n.properties" > /dev/null || { echo "edge-$n is already running"; exit 1; }
    sed -E "s/^node\.id=.*/node.id=edge-$n/; s/^sip\.port=.*/sip.port=$((5079 + n))/; \
      s/^cluster\.port=.*/cluster.port=$((5700 + n))/" "$RUN/edge-2.properties" > "$RUN/edge-$n.properties"
    # The JVM's own arguments as edge-2 was started, its configuration file swapped.
    mapfile -d '' args < "/proc/$model/cmdline"
    cmd=()
    for a in "${args[@]}"; do
      [ "$a" = "$RUN/edge-2.properties" ] && a=$RUN/edge-$n.properties
      cmd+=("$a")
    done
    nohup "${cmd[@]}" > "$RUN/logs/edge-$n.log" 2>&1 &
    echo $! > "$RUN/edge-$n.pid"
    for _ in $(seq 1 60); do
      if grep -q "edge node edge-$n ready" "$RUN/logs/edge-$n.log" 2>/dev/null; then
        echo "edge-$n ready (pid $(cat "$RUN/edge-$n.pid"), SIP 127.0.0.1:$((5079 + n)), log run/logs/edge-$n.log)"
        exit 0
      fi
      kill -0 "$(cat "$RUN/edge-$n.pid")" 2>/dev/null || break
      sleep 1
    done
    echo "edge-$n did not become ready within 60 s: see run/logs/edge-$n.log"
    exit 1
    ;;
  stop)
    if [ -f "$RUN/edge-$n.pid" ]; then
      kill "$(cat "$RUN/edge-$n.pid")" 2>/dev/null || true
      rm -f "$RUN/edge-$n.pid"
    fi
    ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
