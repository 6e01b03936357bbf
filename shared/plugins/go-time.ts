/** Seconds from Go's zero time (1 January of year 1, UTC) to the Unix epoch. */
const UNIX_TO_INTERNAL_SECONDS = 62_135_596_800n;

/**
 * A Go `time.Time` from its `MarshalBinary` bytes (what gob carries for it): version 1 or 2, seconds since year 1
 * and nanoseconds, then the zone offset (which does not change the instant). Milliseconds are what a Date keeps.
 */
export function goTimeFromBinary(bytes: Uint8Array): Date {
  const version = bytes[0];
  if ((version !== 1 || bytes.length !== 15) && (version !== 2 || bytes.length !== 16)) {
    throw new Error(`not a Go time: ${bytes.length} bytes starting with version ${version ?? 'none'}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seconds = view.getBigInt64(1, false) - UNIX_TO_INTERNAL_SECONDS;
  const nanos = view.getUint32(9, false);
  if (nanos >= 1e9) throw new Error(`not a Go time: ${nanos} nanoseconds`);
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1e6);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new Error('a Go time outside the range of a date');
  return date;
}
