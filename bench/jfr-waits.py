#!/usr/bin/env python3
"""What a JVM's threads waited for: the jdk.ThreadPark and jdk.JavaMonitorEnter events of a JFR recording made with
bench/jfr-waits.jfc (waits of 5 ms or more, with stacks), grouped by thread kind and the frames above the wait.
Idle waits (pools waiting for work) are left out. Usage:
  jfr print --json --stack-depth 30 --events jdk.ThreadPark,jdk.JavaMonitorEnter REC.jfr > waits.json
  bench/jfr-waits.py waits.json [LINES]"""
import collections
import json
import re
import sys

IDLE = ('ConditionObject.await', 'ConditionNode.block', 'LinkedBlockingQueue.take', 'LinkedBlockingQueue.poll',
        'DelayedWorkQueue.take', 'SynchronousQueue', 'ForkJoinPool.awaitWork', 'DelayQueue.take', 'MPSCQueue.take')
MARKERS = ('ReentrantLock$Sync.lock', 'Semaphore.tryAcquire')


def seconds(duration):
    return float(duration[2:-1]) if duration.startswith('PT') and duration.endswith('S') else 0.0


def main():
    events = json.load(open(sys.argv[1]))['recording']['events']
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    count, total, longest = collections.Counter(), collections.defaultdict(float), collections.defaultdict(float)
    for event in events:
        values = event['values']
        thread = re.sub(r'\d+', 'N', ((values.get('eventThread') or {}).get('javaName')) or '?')
        frames = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name']
                  for f in (values.get('stackTrace') or {}).get('frames', [])]
        if any(idle in ' '.join(frames) for idle in IDLE) and not any(m in frames for m in MARKERS):
            continue
        start = next((i + 1 for i, f in enumerate(frames) if f in MARKERS), 1)
        key = (event['type'].split('.')[-1], thread, ' < '.join(frames[start:start + 5]))
        s = seconds(values['duration'])
        count[key] += 1
        total[key] += s
        longest[key] = max(longest[key], s)
    for key, n in count.most_common(lines):
        print(f'{n:6d} waits, {total[key]:7.2f} s in all, longest {longest[key] * 1000:6.1f} ms  {key[0]} {key[1]}: {key[2]}')


if __name__ == '__main__':
    main()
