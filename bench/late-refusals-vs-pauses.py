#!/usr/bin/env python3
"""Each refusal the node sent later than the limit, beside the node's pauses that overlapped its wait: from a packet
capture (tcpdump -w of the overload, as run-overload-bench.sh takes it) and the node's unified JVM log with wall-clock
decorations (-Xlog:gc:file=gc.log:time,uptime; every "Pause Young/Remark/Cleanup/Full" line counts). For each late
503: when its INVITE came, how long the node took, and each pause that overlapped (length, kind, start relative to
the INVITE). Then a summary: pauses by kind (count, p50, p90, max) and how many late refusals no pause explains.
Usage: late-refusals-vs-pauses.py CAPTURE GC_LOG [NODE_PORT] [LIMIT_MS]"""
import collections
import datetime
import re
import sys

from sipcapture import datagrams

capture, gclog = sys.argv[1], sys.argv[2]
port = int(sys.argv[3]) if len(sys.argv) > 3 else 5080
limit = (float(sys.argv[4]) if len(sys.argv) > 4 else 50.0) / 1000
invites, answers = {}, {}
for at, src, dst, call, payload in datagrams(capture):
    if dst == port and payload.startswith(b'INVITE '):
        invites.setdefault(call, at)
    elif src == port and payload.startswith(b'SIP/2.0 ') and call in invites and call not in answers:
        answers[call] = (payload[8:11].decode(), at - invites[call], invites[call])
late = sorted((inv, took) for code, took, inv in answers.values() if code == '503' and took > limit)

PAUSE = re.compile(r'\[([^\]]+)\]\[[\d.]+s\] GC\(\d+\) Pause (\S+).* ([\d.]+)ms$')
pauses = []
for line in open(gclog):
    m = PAUSE.match(line.rstrip())
    if m:
        end = datetime.datetime.fromisoformat(re.sub(r'([+-]\d\d)(\d\d)$', r'\1:\2', m.group(1))).timestamp()
        length = float(m.group(3)) / 1000
        pauses.append((end - length, length, m.group(2)))

unexplained = 0
for inv, took in late:
    hit = [f'{p[2]} {p[1] * 1000:.1f} ms from {(p[0] - inv) * 1000:+.0f} ms' for p in pauses
           if p[0] < inv + took and p[0] + p[1] > inv]
    unexplained += not hit
    when = datetime.datetime.fromtimestamp(inv, datetime.timezone.utc).strftime('%H:%M:%S.%f')[:-3]
    print(f'{when} {took * 1000:.1f} ms  {"; ".join(hit) or "no pause"}')
print(f'{len(late)} refusals later than {limit * 1000:g} ms, {unexplained} with no pause in their wait')
by_kind = collections.defaultdict(list)
for start, length, kind in pauses:
    by_kind[kind].append(length * 1000)
for kind, times in sorted(by_kind.items()):
    times.sort()
    n = len(times)
    print(f'  pauses {kind}: {n}, p50 {times[n // 2]:.1f} ms, p90 {times[min(n - 1, int(n * 0.9))]:.1f} ms, '
          f'max {times[-1]:.1f} ms')
