# Sourced by the edge benchmarks: points the demo's carriers A and B at SIPp carriers on this host (17561, 17562),
# with no channel limit, through the running platform's API; the JSON sent is kept in $1.
point_carriers_at_sipp() {
  local out=$1 c id port
  for c in carrier-a:17561 carrier-b:17562; do
    id=${c%%:*}; port=${c##*:}
    sed -E "s#\"trunkUri\": \"[^\"]*\"#\"trunkUri\": \"sip:127.0.0.1:$port\"#; s#\"maxChannels\": [0-9]+#\"maxChannels\": 100000#" \
      "demo/carriers/$id.json" > "$out/$id.json"
    curl -sf -o /dev/null -u oscar:oscar -X PUT -H 'Content-Type: application/json' --data-binary "@$out/$id.json" \
      "http://127.0.0.1:8080/api/v1/carriers/$id"
  done
}

# Sourced by the edge benchmarks: a capacity run's calls from the PBX's one test extension cost more in an hour than
# the demo fraud policy lets a PBX spend (500 an hour, then the PBX is blocked for an hour), so the benchmarks reset
# the counters of hq-cucm and of its extension sipp and lift their blocks before each run (audited as a benchmark's).
reset_bench_fraud() {
  local path
  for path in counters/pbxs/hq-cucm counters/extensions/hq-cucm/sipp blocks/pbxs/hq-cucm blocks/extensions/hq-cucm/sipp; do
    curl -s -o /dev/null -u oscar:oscar -X DELETE "http://127.0.0.1:8080/api/v1/fraud/$path?reason=call-capacity+benchmark"
  done
}
