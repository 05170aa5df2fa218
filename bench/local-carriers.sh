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
