#!/usr/bin/env python3
"""What became of the node's 2xx and 503 answers to INVITEs, from a packet capture (tcpdump -w on one interface,
UDP, IPv4): how many 2xx the node sent again (RFC 3261 §13.3.1.4: until the caller's ACK), how many 2xx and 503s
were never acknowledged, and how many answered calls never saw a BYE. A lost 2xx that is not sent again leaves the
caller's call hanging, which the load generator counts as a failed call. Usage: answer-acks.py CAPTURE NODE_PORT"""
import collections
import re
import sys

from sipcapture import datagrams

capture, port = sys.argv[1], int(sys.argv[2])
CSEQ = re.compile(rb'\r\nCSeq *: *\d+ *(\w+)', re.I)
ok, refused, invites = collections.Counter(), collections.Counter(), collections.Counter()
acked, byes = set(), set()
for _, src, dst, call, data in datagrams(capture):
    c = CSEQ.search(data)
    method = c.group(1).upper() if c else b''
    if dst == port and data.startswith(b'INVITE '):
        invites[call] += 1
    elif dst == port and data.startswith(b'ACK '):
        acked.add(call)
    elif dst == port and data.startswith(b'BYE '):
        byes.add(call)
    elif src == port and method == b'INVITE' and data.startswith(b'SIP/2.0 2'):
        ok[call] += 1
    elif src == port and method == b'INVITE' and data.startswith(b'SIP/2.0 503'):
        refused[call] += 1
print(f'{len(ok)} calls answered 2xx: {sum(1 for c in ok if ok[c] > 1)} of them sent again before the ACK, '
      f'{sum(1 for c in ok if c not in acked)} never acknowledged, {sum(1 for c in ok if c not in byes)} without a BYE')
print(f'{len(refused)} calls refused 503: {sum(1 for c in refused if c not in acked)} never acknowledged; '
      f'INVITEs sent again by the caller: {sum(1 for c in invites if invites[c] > 1)} calls')
