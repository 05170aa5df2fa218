#!/usr/bin/env bash
# Starts (or stops) Kamailio from Debian's `kamailio` package with bench/kamailio/kamailio.cfg on
# 127.0.0.1:5070, the reference target of bench/run-call-capacity.sh. Usage: bench/run-kamailio.sh start|stop
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=bench/target/kamailio
case "${1:-start}" in
  start)
    mkdir -p "$RUN"
    cp bench/kamailio/dispatcher.list "$RUN/"
    sed "s#DISPATCHER_LIST#$PWD/$RUN/dispatcher.list#" bench/kamailio/kamailio.cfg > "$RUN/kamailio.cfg"
    kamailio -c -f "$RUN/kamailio.cfg" > "$RUN/check.out" 2>&1 || { cat "$RUN/check.out"; exit 1; }
    kamailio -f "$RUN/kamailio.cfg" -P "$PWD/$RUN/kamailio.pid" -m 256 -M 32 -w "$PWD/$RUN"
    sleep 1
    echo "kamailio $(kamailio -v | head -1 | awk '{print $3}') on udp:127.0.0.1:5070, pid $(cat "$RUN/kamailio.pid")"
    ;;
  stop)
    [ -f "$RUN/kamailio.pid" ] && kill "$(cat "$RUN/kamailio.pid")" 2>/dev/null || true
    rm -f "$RUN/kamailio.pid"
    ;;
esac
