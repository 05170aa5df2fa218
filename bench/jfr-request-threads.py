#!/usr/bin/env python3
"""What WildFly's request threads spend their samples on: the login (Elytron's HTTP authentication: the mechanism,
the realm's password check, the identity's roles and permissions), the platform's own code, or the rest (Undertow,
the container, Drools called from the platform count with the platform when a platform frame is nearer the top).

Each execution sample of a request thread ("default task-N") is charged to the first frame from the top of its stack
that is either the platform's (io.trunkline.*) or Elytron's authentication.
Usage: bench/jfr-request-threads.py wildfly-samples.txt   (jfr print --stack-depth 64 --events jdk.ExecutionSample)
"""
import collections
import re
import sys

LOGIN = re.compile(r"BasicAuthenticationMechanism|ServerAuthenticationContext|HttpAuthenticator|SecurityDomain\.|"
                   r"org\.wildfly\.security\.authz\.|ElytronAccount|ElytronHttpExchange|SecurityIdentity|"
                   r"org\.wildfly\.security\.password\.")

counts = collections.Counter()
for event in open(sys.argv[1]).read().split("jdk.ExecutionSample"):
    thread = re.search(r'sampledThread = "([^"]+)"', event)
    if not thread or not thread.group(1).startswith("default task"):
        continue
    kind = "other (Undertow, container, JDK)"
    for frame in re.findall(r"^\s+([\w.$<>]+)\(", event, re.M):
        if frame.startswith("io.trunkline"):
            kind = "platform code (and what it calls)"
            break
        if LOGIN.search(frame):
            kind = "login (Elytron)"
            break
    counts[kind] += 1
total = sum(counts.values())
print(f"{total} request-thread samples")
for kind, n in counts.most_common():
    print(f"{100.0 * n / total:5.1f} %  {n:5d}  {kind}")
