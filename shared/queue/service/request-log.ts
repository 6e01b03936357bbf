export interface RequestLogEntry {
  method: string;
  /** The procedure (`/flyteidl2.workflow.QueueService/EnqueueAction`) or the plain HTTP path. */
  path: string;
  /** `connect`, `grpc`, `grpc-web`, or `http` for non-RPC paths. */
  protocol: string;
  /** Connect code name for RPCs, the HTTP status for everything else. */
  code: string;
  ms: number;
  message?: string;
}

const MAX_MESSAGE = 300;

/**
 * One line per request, in a fixed order so that logs can be grepped and split on spaces:
 * `<time> <method> <path> <protocol> <code> <ms>ms ["<message>"]`. Messages of failed calls are kept on the
 * same line (several problems are joined with "; ") and shortened, so one request never spans lines.
 */
export function formatRequestLog(entry: RequestLogEntry, now: Date = new Date()): string {
  const parts = [now.toISOString(), entry.method, entry.path, entry.protocol, entry.code, `${Math.round(entry.ms)}ms`];
  if (entry.message) {
    const flat = entry.message.replace(/\s*\n\s*/g, '; ');
    parts.push(JSON.stringify(flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 3)}...` : flat));
  }
  return parts.join(' ');
}
