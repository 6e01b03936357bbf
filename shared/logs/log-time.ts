/**
 * A log line's time (RFC 3339 with up to nine fractional digits, as the kubelet writes with `timestamps=true`) in
 * nanoseconds since the epoch, or undefined when it is not one. Nanoseconds, because lines written within the same
 * millisecond must still be told apart when a log is resumed.
 */
export function logTimeNanos(timestamp: string): bigint | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (match === null) return undefined;
  const millis = Date.parse(`${match[1] ?? ''}${match[3] ?? ''}`);
  if (Number.isNaN(millis)) return undefined;
  return BigInt(millis) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/**
 * `sinceTime` for resuming at a line's time: whole seconds, rounded down, because the API server hands the time to
 * the kubelet at second precision. The lines between that second and the line are read again and dropped.
 */
export function sinceTimeAt(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
