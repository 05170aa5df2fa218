#!/usr/bin/env python3
"""The node's own answer times, from a packet capture (tcpdump -w, Ethernet or loopback, UDP, IPv4): for each call
(Call-ID) the time from its first INVITE to the node's first answer, by answer code. These are the kernel's
timestamps of both datagrams, so the load generator's own scheduling on a busy machine does not count, as it does in
SIPp's figures. Usage: first-answers.py CAPTURE NODE_PORT [LIMIT_MS]"""
import collections
import re
import struct
import sys

capture, port = sys.argv[1], int(sys.argv[2])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 50.0
CALL_ID = re.compile(rb'\r\n(?:Call-ID|i) *: *([^\r]+)', re.I)
invites, answers = {}, {}
with open(capture, 'rb') as f:
    header = f.read(24)
    magic = struct.unpack('<I', header[:4])[0] if len(header) == 24 else 0
    if magic not in (0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1):
        sys.exit(f'{capture}: not a pcap capture (tcpdump -w writes one; pcapng is not read here)')
    order = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    scale = 1e-9 if magic in (0xa1b23c4d, 0x4d3cb2a1) else 1e-6
    if struct.unpack(order + 'I', header[20:24])[0] != 1:
        sys.exit(f'{capture}: link type is not Ethernet (capture on one interface, e.g. -i lo, not -i any)')
    while True:
        head = f.read(16)
        if len(head) < 16:
            break
        sec, frac, length, _ = struct.unpack(order + 'IIII', head)
        frame = f.read(length)
        ip = frame[14:]
        if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        udp = ip[(ip[0] & 15) * 4:]
        src, dst = struct.unpack('>HH', udp[:4])
        payload = udp[8:]
        found = CALL_ID.search(payload)
        if not found:
            continue
        call, at = found.group(1), sec + frac * scale
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
