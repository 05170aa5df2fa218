#!/usr/bin/env python3
"""How far behind an edge node runs, from its own log: for each second, the calls it routed, and the median and
largest time from routing a call (its log line "call X from P to N: ROUTE by ...", the INVITE to the carrier going
out) to handling the carrier's answer ("call X answered on route ..."). A carrier that answers at once (SIPp's uas)
makes this the node's own delay: its receive queue and workers. Usage: carrier-answer-latency.py EDGE_LOG"""
import collections
import re
import sys
from datetime import datetime

LINE = re.compile(r'(\S+ \S+) INFO  \[B2bua\] call (\S+) (from \S+ to \S+: ROUTE|answered on route)')
routed, answered = {}, {}
with open(sys.argv[1], encoding='utf-8', errors='replace') as log:
    for line in log:
        m = LINE.match(line)
        if m:
            at = datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S,%f').timestamp()
            (routed if m.group(3).startswith('from') else answered).setdefault(m.group(2), at)
per_second = collections.defaultdict(list)
for call, at in routed.items():
    if call in answered:
        per_second[int(at)].append((answered[call] - at) * 1000)
print('second    calls  median_ms  max_ms')
for second in sorted(per_second):
    delays = sorted(per_second[second])
    print(f'{datetime.fromtimestamp(second).strftime("%H:%M:%S")}  {len(delays):5d}  {delays[len(delays) // 2]:9.0f}'
          f'  {delays[-1]:6.0f}')
