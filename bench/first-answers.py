#!/usr/bin/env python3
"""The node's own answer times, from a packet capture (tcpdump -w, Ethernet or loopback, UDP, IPv4): for each call
(Call-ID) the time from its first INVITE to the node's first answer, by answer code. These are the kernel's
timestamps of both datagrams, so the load generator's own scheduling on a busy machine does not count, as it does in
SIPp's figures. Usage: first-answers.py CAPTURE NODE_PORT [LIMIT_MS]"""
import collections
import sys

from sipcapture import datagrams

capture, port = sys.argv[1], int(sys.argv[2])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 50.0
invites, answers = {}, {}
for at, src, dst, call, payload in datagrams(capture):
    if dst == port and payload.startswith(b'INVITE '):
        invites.setdefault(call, at)
    elif src == port and payload.startswith(b'SIP/2.0 ') and call in invites and call not in answers:
        answers[call] = (payload[8:11].decode(), (at - invites[call]) * 1000)
by_code = collections.defaultdict(list)
for code, ms in answers.values():
    by_code[code].append(ms)
print(f'{len(invites)} INVITEs, {len(answers)} answered by the node (first answer, from the capture)')
for code in sorted(by_code):
    times = sorted(by_code[code])
    n = len(times)
    late = sum(1 for t in times if t > limit)
    print(f'  {code}: {n}, p50 {times[n // 2]:.2f} ms, p99 {times[min(n - 1, int(n * 0.99))]:.2f} ms, '
          f'max {times[-1]:.2f} ms, {late} later than {limit:g} ms')
