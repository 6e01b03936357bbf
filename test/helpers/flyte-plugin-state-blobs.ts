/**
 * Plugin state as Flyte's executor stores it (Go gob, base64 as in `status.pluginState`). S3 ones are the
 * reference's bytes (flyte-compatibility.md §6); HEAD ones were written by Go's encoding/gob from HEAD's struct
 * shape (LastEventUpdate and LastEventRecordedAt in the outer struct: 182 bytes of type definitions).
 */

/** S3 after the Pod succeeded: 119 bytes of type definitions, then Phase 1 (Started), inner Phase 6 (Success). */
export const S3_SUCCESS_STATE =
  'Nn8DAQELUGx1Z2luU3RhdGUB/4AAAQIBBVBoYXNlAQYAAQ5LOHNQbHVnaW5TdGF0ZQH/ggAAAD//gQMBAQtQbHVnaW5TdGF0ZQH/ggABAwEFUGhhc2UBBAABDFBoYXNlVmVyc2lvbgEGAAEGUmVhc29uAQwAAAAJ/4ABAQEBDAAA';

const S3_DEFINITIONS = Buffer.from(S3_SUCCESS_STATE, 'base64').subarray(0, 119);

/** S3 after launching the Pod: the same definitions, then Phase 1, inner Phase 3 (Queued), "task submitted to K8s". */
export const S3_LAUNCHED_STATE = Buffer.concat([
  S3_DEFINITIONS,
  Buffer.from([0x20, 0xff, 0x80, 0x01, 0x01, 0x01, 0x01, 0x06, 0x02, 0x15]),
  Buffer.from('task submitted to K8s'),
  Buffer.from([0x00, 0x00]),
]).toString('base64');

/**
 * HEAD's shape: Phase 1, inner Phase 5 (Running) version 2 "running", LastEventUpdate
 * 2025-03-14T09:26:53.589793238Z, LastEventRecordedAt 2025-03-14T11:00:00.000000005+02:00.
 */
export const HEAD_RUNNING_STATE =
  'ZH8DAQELUGx1Z2luU3RhdGUB/4AAAQQBBVBoYXNlAQYAAQ5LOHNQbHVnaW5TdGF0ZQH/ggABD0xhc3RFdmVudFVwZGF0ZQH/hAABE0xhc3RFdmVudFJlY29yZGVkQXQB/4QAAAA//4EDAQELUGx1Z2luU3RhdGUB/4IAAQMBBVBoYXNlAQQAAQxQaGFzZVZlcnNpb24BBgABBlJlYXNvbgEMAAAAEP+DBQEBBFRpbWUB/4QAAAA2/4ABAQEBCgECAQdydW5uaW5nAAEPAQAAAA7fZe1dIyeH1v//AQ8BAAAADt9l5xAAAAAFAHgA';

/** HEAD's shape with inner Phase -3, PhaseVersion 4000000000 and Reason "x": negative and multi-byte numbers. */
export const HEAD_ODD_NUMBERS_STATE =
  'ZH8DAQELUGx1Z2luU3RhdGUB/4AAAQQBBVBoYXNlAQYAAQ5LOHNQbHVnaW5TdGF0ZQH/ggABD0xhc3RFdmVudFVwZGF0ZQH/hAABE0xhc3RFdmVudFJlY29yZGVkQXQB/4QAAAA//4EDAQELUGx1Z2luU3RhdGUB/4IAAQMBBVBoYXNlAQQAAQxQaGFzZVZlcnNpb24BBgABBlJlYXNvbgEMAAAAEP+DBQEBBFRpbWUB/4QAAAAS/4ABAQEBBQH87msoAAEBeAAA';
