"""The SIP datagrams of a packet capture (tcpdump -w, pcap, Ethernet or loopback, UDP over IPv4), for the bench's
capture readers (first-answers.py, answer-acks.py)."""
import re
import struct
import sys

CALL_ID = re.compile(rb'\r\n(?:Call-ID|i) *: *([^\r]+)', re.I)


def datagrams(capture):
    """Yields (seconds, source port, destination port, Call-ID, payload) for each UDP datagram with a Call-ID."""
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
                return
            sec, frac, length, _ = struct.unpack(order + 'IIII', head)
            frame = f.read(length)
            ip = frame[14:]
            if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            udp = ip[(ip[0] & 15) * 4:]
            src, dst = struct.unpack('>HH', udp[:4])
            payload = udp[8:]
            found = CALL_ID.search(payload)
            if found:
                yield sec + frac * scale, src, dst, found.group(1), payload
