#!/usr/bin/env bash
# Edge calls per second with STIR/SHAKEN signing off and on, the same hour: for each mode a fresh trunkline_bench
# database, ./trunkline run with both nodes on a copy of their configuration with overload control off (capacity, as
# in #11: overload control would refuse what the node could carry, differently per run), and with "on" a P-256
# signing key made here with keytool, so every carrier leg of the bench's calls carries an Identity; 30 s to settle, then
# bench/run-edge-bench.sh RATE SECONDS (its 20 s warm-up first), then ./trunkline stop. Lines go to
# bench/target/edge-signing-pair.txt. Needs PostgreSQL with the role trunkline; PSQL_ADMIN runs psql as a role that
# may drop and create databases. Usage: bench/run-edge-signing-pair.sh [RATE] [SECONDS] [MODES]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
SECONDS_=${2:-60}
MODES=${3:-"off on"}
PSQL_ADMIN=${PSQL_ADMIN:-runuser -u postgres -- psql}
OUT=bench/target/edge-signing-pair.txt
CONF=$PWD/bench/target/edge-signing-config
mkdir -p bench/target
rm -rf "$CONF"; mkdir -p "$CONF"
keytool -genkeypair -alias shaken -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -dname "CN=bench SHAKEN" \
  -validity 30 -storetype PKCS12 -keystore "$CONF/stir.p12" -storepass bench-secret -keypass bench-secret >/dev/null 2>&1
mkdir -p "$CONF/off" "$CONF/on"
for n in 1 2; do
  cp "sip-edge/config/edge-$n.properties" "$CONF/off/edge-$n.properties"
  echo "overload.enabled=false" >> "$CONF/off/edge-$n.properties"
  cp "$CONF/off/edge-$n.properties" "$CONF/on/edge-$n.properties"
  printf 'stir.sign.keystore=%s\nstir.sign.keystore-password=bench-secret\nstir.sign.x5u=https://127.0.0.1:8443/api/v1/stir/certs/bench.pem\n' \
    "$CONF/stir.p12" >> "$CONF/on/edge-$n.properties"
done
for mode in $MODES; do
  $PSQL_ADMIN -qc "DROP DATABASE IF EXISTS trunkline_bench" -c "CREATE DATABASE trunkline_bench OWNER trunkline"
  TRUNKLINE_EDGE_CONFIG_DIR=$CONF/$mode TRUNKLINE_DB_URL=jdbc:postgresql://127.0.0.1:5432/trunkline_bench \
    ./trunkline run > "bench/target/run-signing-$mode.log" 2>&1
  sleep 30
  bench/run-edge-bench.sh "$RATE" "$SECONDS_" > "bench/target/edge-signing-$mode.txt" 2>&1 || true
  # Whether the calls were signed: the attempts of one stored call say with which attestation.
  id=$(curl -s -u oscar:oscar "http://127.0.0.1:8080/api/v1/calls?pbx=hq-cucm&limit=1" \
    | sed -n 's/.*"callId":"\([^"]*\)".*/\1/p' || true)
  signed=$(curl -s -u oscar:oscar "http://127.0.0.1:8080/api/v1/calls/$(printf %s "$id" | sed "s/@/%40/g")" \
    | { grep -o '"signed":"[ABC]"' || true; } | sort | uniq -c | tr '\n' ' ')
  printf '%s signing %s: %s; one call'"'"'s attempts signed: %s\n' "$(date -u +%H:%M)" "$mode" \
    "$(tail -1 bench/target/edge-bench/summary.txt)" "${signed:-none}" | tee -a "$OUT"
  ./trunkline stop > /dev/null 2>&1
done
