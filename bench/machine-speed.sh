# Sourced by the load benchmarks: how fast this machine is at the moment, as the CPU time of a fixed piece of work
# (SHA-256 of 400 MB of zeros, one thread). The same machine has measured 1.07 to 1.92 s within an hour, idle, so
# a benchmark's figures are read beside the probe taken with them; lower is faster.
machine_speed() {
  local TIMEFORMAT='%U'
  { time (head -c 400M /dev/zero | sha256sum > /dev/null); } 2>&1 | tail -1
}
