let lastNanos = 0n;

/**
 * Now as an RFC 3339 time with nanoseconds, strictly increasing within the process: the kubelet's log lines carry
 * such times, and readers that resume a log by time rely on lines being told apart by them.
 */
export function nextLogTimestamp(): string {
  const nowNanos = BigInt(Date.now()) * 1_000_000n;
  lastNanos = nowNanos > lastNanos ? nowNanos : lastNanos + 1n;
  const millis = Number(lastNanos / 1_000_000n);
  const fraction = (lastNanos % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(millis).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** One line of a container log file in the CRI format the kubelet (and kwok) serve: `<time> stdout F <text>`. */
export function criLogLine(text: string, timestamp = nextLogTimestamp()): string {
  return `${timestamp} stdout F ${text}\n`;
}
