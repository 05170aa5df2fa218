#!/usr/bin/env bash
# Calls per second through a SIP target, stepped until a step fails, side by side for several targets on the
# same machine with the same SIPp files (issue #16's scenario): SIPp as the PBX (bench/sipp/pbx-call.xml:
# INVITE with SDP, follows Record-Route) → the target → carrier A (bench/sipp/carrier-503-some.xml: 503 to one
# call in five) → failover to carrier B (bench/sipp/carrier-answer.xml) → HOLD_MS hold → BYE.
# A step passes when fewer than 0.1 % of its calls fail and SIPp kept the rate (the step ended within 15 s of
# its due end). For each target it prints the highest passing rate and the CPU per call at that rate. Of the
# failed calls it says how many ended on an unexpected answer (SIPp's FailedUnexpectedMessage: an overload 503
# among them) and, for the edge, how many times its overload control began limiting new calls during the step
# (its log's "overloaded (" lines): a step lost to refusals reads differently from one lost to timeouts.
#
# Usage: bench/run-call-capacity.sh TARGET...
#   edge                  edge-1 of `./trunkline run` (127.0.0.1:5080), the platform deciding each call; the
#                         demo's carriers A and B are pointed at the SIPp carriers, the demo fraud policy's
#                         counters of the PBX and its test extension reset before each step (a run spends more
#                         than its 500 an hour); the CPU of WildFly and of PostgreSQL per call is printed beside
#                         the edge's own
#   edges                 every edge node running (edge-1 and edge-2 of `./trunkline run`, and any started by
#                         bench/run-extra-edge.sh), the PBX's calls split evenly over them (one SIPp PBX per node,
#                         as a PBX spreading its trunk over several SBCs): the cluster's calls/s, the CPU per call
#                         of all the nodes together and of the platform deciding for all of them
#   HOST:PORT@PROCESS     any SIP proxy or SBC routing to 127.0.0.1:17561 then 17562; CPU of every process
#                         named PROCESS, e.g. 127.0.0.1:5070@kamailio (bench/run-kamailio.sh start)
# Environment: RATES (default "100 200 300 400 500 600 800 1000 1250 1500 2000 2500 3000"), STEP_SECONDS (30),
#   HOLD_MS (1000), WARMUP (seconds at 100 calls/s in all before the first step, not counted; default 10, 0 for none),
#   PAUSE (seconds between steps, default 5).
# Before the first target and after the last it prints the reference work's CPU time (bench/machine-speed.sh):
# figures from runs whose probes differ much are not comparable.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { sed -n '2,28p' "$0"; exit 2; }
RATES=${RATES:-100 200 300 400 500 600 800 1000 1250 1500 2000 2500 3000}
STEP_SECONDS=${STEP_SECONDS:-30}
HOLD_MS=${HOLD_MS:-1000}
WARMUP=${WARMUP:-10}
PAUSE=${PAUSE:-5}
OUT=bench/target/call-capacity
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
HZ=$(getconf CLK_TCK)
SCEN=$PWD/bench/sipp

cpu_ticks() { # utime+stime of every pid given, in clock ticks
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat")))
  done
  echo "$t"
}
idle_ticks() { awk '/^cpu /{print $5+$6}' /proc/stat; }
idle_share() { echo "scale=1; ($2 - $1) * 100 / $HZ / $(nproc) / $wall" | bc; }
overload_episodes() { # how often the edge nodes measured have begun limiting new calls (0 for another target)
  local n=0 node c
  for node in $nodes; do
    c=$(grep -c 'overloaded (' "run/logs/$node.log" 2>/dev/null || true)
    n=$((n + ${c:-0}))
  done
  echo "$n"
}
stat_field() { # the named column of a SIPp -trace_stat file's last line
  awk -F';' -v name="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==name) c=i} END{print $c}' "$1"
}

# shellcheck source=bench/machine-speed.sh
. bench/machine-speed.sh
echo "# $(date -u +%FT%TZ) $(nproc) cores; steps of ${STEP_SECONDS} s, hold ${HOLD_MS} ms; rates: $RATES; reference work $(machine_speed) CPU-s" | tee -a "$RESULTS"
for target in "$@"; do
  name=$target; nodes=
  if [ "$target" = edge ] || [ "$target" = edges ]; then
    if [ "$target" = edge ]; then nodes=edge-1; else
      nodes=$(pgrep -af 'sip-edge.jar --config' | sed -nE 's#.*/(edge-[0-9]+)\.properties.*#\1#p' | sort -V | tr '\n' ' ')
    fi
    [ -n "$nodes" ] || { echo "no edge node is running (./trunkline run)"; exit 1; }
    addrs=; tpids=
    for node in $nodes; do
      pid=$(pgrep -f "sip-edge.jar --config .*$node.properties" | head -1 || true)
      [ -n "$pid" ] || { echo "$node is not running (./trunkline run)"; exit 1; }
      tpids="$tpids $pid"
      addrs="$addrs 127.0.0.1:$(sed -n 's/^sip\.port=//p' "run/$node.properties")"
    done
    [ "$target" = edge ] || name="edges ($(echo $nodes | tr ' ' ','))"
    ppids=$(pgrep -f 'jboss-modules.jar' | head -1 || true)
    dbpids=$(pgrep -x postgres | tr '\n' ' ' || true)
    # shellcheck source=bench/local-carriers.sh
    . bench/local-carriers.sh
    point_carriers_at_sipp "$OUT"
    reset_bench_fraud
  else
    addrs=${target%@*}; proc=${target#*@}
    [ "$proc" != "$target" ] || { echo "target $target: say which process to measure (HOST:PORT@PROCESS)"; exit 2; }
    tpids=$(pgrep -x "$proc" | tr '\n' ' ' || true)
    [ -n "$tpids" ] || { echo "no process named $proc"; exit 1; }
    ppids=; dbpids=
  fi
  dir=$OUT/$(echo "$target" | tr -c 'A-Za-z0-9\n' '_')
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && exec sipp -sf "$SCEN/carrier-503-some.xml" -p 17561 -i 127.0.0.1 -nostdin -bg > carrier-a.out 2>&1) || true
  (cd "$dir" && exec sipp -sf "$SCEN/carrier-answer.xml" -p 17562 -i 127.0.0.1 -nostdin -bg > carrier-b.out 2>&1) || true
  sleep 1
  if [ "$WARMUP" -gt 0 ]; then
    i=0; w=$((100 / $(echo $addrs | wc -w)))
    for addr in $addrs; do
      (cd "$dir" && timeout $((WARMUP + 40)) sipp -sf "$SCEN/pbx-call.xml" "$addr" -s 9011442071234567 -p $((17550 + i)) \
        -i 127.0.0.1 -r "$w" -m $((w * WARMUP)) -d "$HOLD_MS" -nostdin -timeout $((WARMUP + 30))s > warmup-$i.out 2>&1) || true &
      i=$((i + 1))
    done
    wait
    sleep "$PAUSE"
  fi
  best=0; best_line="none passed"
  for rate in $RATES; do
    total=$((rate * STEP_SECONDS))
    step=$dir/r$rate; mkdir -p "$step"
    [ -z "$nodes" ] || reset_bench_fraud
    limited0=$(overload_episodes)
    t0=$(cpu_ticks $tpids); p0=$(cpu_ticks $ppids); d0=$(cpu_ticks $dbpids); g0=$(cpu_ticks $(pgrep -x sipp))
    i0=$(idle_ticks)
    start=$(date +%s.%N)
    # One SIPp PBX per address, the rate split evenly (the first ones take the remainder).
    count=$(echo $addrs | wc -w); i=0
    for addr in $addrs; do
      r=$((rate / count + (i < rate % count ? 1 : 0)))
      mkdir -p "$step/pbx-$i"
      (cd "$step/pbx-$i" && timeout $((STEP_SECONDS + 120)) sipp -sf "$SCEN/pbx-call.xml" "$addr" -s 9011442071234567 \
        -p $((17550 + i)) -i 127.0.0.1 -r "$r" -m $((r * STEP_SECONDS)) -d "$HOLD_MS" -l $((r * 8)) -nostdin -trace_stat \
        -fd 5 -timeout $((STEP_SECONDS + 60))s > uac.out 2>&1; times > times.txt) || true &
      i=$((i + 1))
    done
    wait
    end=$(date +%s.%N)
    i1=$(idle_ticks)
    t1=$(cpu_ticks $tpids); p1=$(cpu_ticks $ppids); d1=$(cpu_ticks $dbpids)
    g1=$(cpu_ticks $(pgrep -x sipp)) # the carriers' SIPp; the PBX's from its shell's `times`
    # The PBXs' counts summed; the answer time averaged over their successful calls.
    ok=0; failed=0; unexpected=0; answer_sum=0; stats=0
    for pbx in "$step"/pbx-*; do
      stat=$(ls "$pbx"/*_.csv 2>/dev/null | head -1 || true)
      [ -n "$stat" ] || continue
      stats=$((stats + 1))
      o=$(stat_field "$stat" 'SuccessfulCall(C)'); ok=$((ok + o)); failed=$((failed + $(stat_field "$stat" 'FailedCall(C)')))
      unexpected=$((unexpected + $(stat_field "$stat" 'FailedUnexpectedMessage(C)')))
      answer_sum=$(stat_field "$stat" 'ResponseTime1(C)' | awk -F: -v o="$o" -v s="$answer_sum" \
        '{printf "%.3f", s + o * (($1*3600+$2*60+$3)*1000+$4/1000)}')
    done
    if [ "$stats" -lt "$count" ]; then ok=0; failed=$total; unexpected=n/a; answer=n/a
    elif [ "$ok" -gt 0 ]; then answer=$(echo "$answer_sum $ok" | awk '{printf "%.1f ms", $1 / $2}'); else answer=n/a; fi
    wall=$(echo "$end - $start" | bc)
    due=$(echo "$STEP_SECONDS + $HOLD_MS / 1000 + 15" | bc)
    per_call() { [ "$ok" -gt 0 ] && echo "scale=3; ($2 - $1) * 1000 / $HZ / $ok" | bc | sed 's/^\./0./' || echo n/a; }
    cpu_t=$(per_call "$t0" "$t1"); limited=$(( $(overload_episodes) - limited0 ))
    failures="$failed failed ($unexpected on an unexpected answer"
    [ -z "$nodes" ] || failures="$failures; overload control began limiting $limited times"
    line="$name $rate/s: $ok of $total successful, $failures), wall ${wall%.*} s, answer avg $answer; CPU per call: target $cpu_t ms"
    [ -n "$ppids" ] && line="$line, platform (WildFly) $(per_call "$p0" "$p1") ms, PostgreSQL $(per_call "$d0" "$d1") ms"
    pbx_cpu=$(for t in "$step"/pbx-*/times.txt; do tail -1 "$t"; done 2>/dev/null \
      | awk '{for(i=1;i<=2;i++){split($i,a,/[ms]/); t+=a[1]*60+a[2]}} END{printf "%.0f", t*'"$HZ"'}')
    line="$line; SIPp PBX $(per_call 0 "${pbx_cpu:-0}") ms, carriers $(per_call "$g0" "$g1") ms; machine idle $(idle_share "$i0" "$i1") %"
    echo "$line" | tee -a "$RESULTS"
    if [ "$ok" -ge $((total - total / 1000)) ] && [ "$failed" -le $((total / 1000)) ] && [ "$(echo "$wall <= $due" | bc)" = 1 ]; then
      best=$rate; best_line=$line
    else
      break
    fi
    sleep "$PAUSE"
  done
  pkill -f "sipp -sf $SCEN/carrier-" 2>/dev/null || true
  echo "== $name: highest passing rate $best calls/s ($best_line)" | tee -a "$RESULTS"
  sleep 2
done
echo "# reference work after the run $(machine_speed) CPU-s" | tee -a "$RESULTS"
