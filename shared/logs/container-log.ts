import { errorMessage, isKubeApiError } from '../errors/index.js';
import { backoffDelayMs, type KubeClient, type Pod, PODS, type RawQuery, resourcePath } from '../kube/index.js';
import { type ChangeFeed } from './change-feed.js';
import { containerLogState } from './container-state.js';
import { LogCursor } from './log-cursor.js';
import { LineSplitter, splitTimestamp } from './log-line.js';
import { logTimeNanos } from './log-time.js';

/** Which part of a log to read, as `kubectl logs` takes it; applies to the first read, not to resumes. */
export interface LogWindow {
  sinceSeconds?: number;
  tailLines?: number;
}

export interface ContainerLogTarget {
  client: KubeClient;
  namespace: string;
  pod: string;
  container: string;
  window: LogWindow;
  /** Gets every line (its kubelet time, its text), each exactly once. */
  deliver: (timestamp: string, text: string) => void;
}

/** Reconnecting after a dropped log stream: soon, but not in a tight loop while a kubelet keeps refusing. */
const RECONNECT_BACKOFF = { initial: 100, max: 2000 };

function logQuery(target: ContainerLogTarget, cursor: LogCursor, follow: boolean): RawQuery {
  const query: RawQuery = { container: target.container, timestamps: true, follow: follow || undefined };
  const sinceTime = cursor.resume();
  if (sinceTime !== undefined) query['sinceTime'] = sinceTime;
  else Object.assign(query, { sinceSeconds: target.window.sinceSeconds, tailLines: target.window.tailLines });
  return query;
}

function deliverLines(target: ContainerLogTarget, cursor: LogCursor, lines: string[]): void {
  for (const line of lines) {
    const { timestamp, text } = splitTimestamp(line);
    if (cursor.admit(logTimeNanos(timestamp))) target.deliver(timestamp, text);
  }
}

function logPath(target: ContainerLogTarget): string {
  return resourcePath(PODS, target.namespace, target.pod, 'log');
}

/** The log as it is now (`kubectl logs` without `-f`). */
export async function readContainerLog(target: ContainerLogTarget, cursor = new LogCursor()): Promise<void> {
  const text = await target.client.getRaw(logPath(target), logQuery(target, cursor, false));
  const splitter = new LineSplitter();
  deliverLines(target, cursor, [...splitter.push(text), ...splitter.flush()]);
}

export interface FollowContext {
  /** The Pod as last seen by a watch (undefined once deleted); `changes` fires when it changes. */
  pod: () => Pod | undefined;
  changes: ChangeFeed;
  signal: AbortSignal;
  notice?: (text: string) => void;
}

/**
 * Follows a container's log until the container ends (`kubectl logs -f`), whatever happens to the connection. The
 * log is streamed with times (`timestamps=true`); when the stream breaks, or ends while the container still runs,
 * it is opened again from the last line's time and the lines already delivered are dropped (`LogCursor`). A
 * kubelet ends the stream when the container exits, but not every one does (kwok never does): the Pod's status
 * decides, and once it says the container ended, one last plain read from the cursor picks up what the stream had
 * not brought yet. Resolves when done or when `signal` aborts.
 */
export async function followContainerLog(target: ContainerLogTarget, context: FollowContext): Promise<void> {
  const { changes, signal } = context;
  const state = () => containerLogState(context.pod(), target.container);
  // A container that has not started has no log to stream: the kubelet would refuse.
  await changes.until(() => state() !== 'waiting', { signal });
  const cursor = new LogCursor();
  let failures = 0;
  while (!signal.aborted) {
    const now = state();
    if (now === 'never-ran') return;
    if (now === 'ended' || now === 'gone') {
      await finalRead(target, cursor, now === 'gone');
      return;
    }
    const splitter = new LineSplitter();
    const handle = target.client.streamRaw(logPath(target), logQuery(target, cursor, true), (text) => deliverLines(target, cursor, splitter.push(text)));
    const stopStream = () => handle.stop();
    signal.addEventListener('abort', stopStream);
    const ended = new AbortController();
    void changes.until(() => state() !== 'running', { signal: ended.signal }).then((changed) => changed && handle.stop());
    let broken: unknown;
    try {
      await handle.done;
    } catch (err) {
      broken = err;
    } finally {
      ended.abort();
      signal.removeEventListener('abort', stopStream);
    }
    if (state() !== 'running' || signal.aborted) continue;
    // The stream ended or broke while the container runs: open it again from where it got to.
    failures = broken === undefined ? 1 : failures + 1;
    if (broken !== undefined && failures === 3) context.notice?.(`reading the log of ${target.pod}/${target.container} keeps failing (${errorMessage(broken)}); retrying`);
    await changes.until(() => state() !== 'running', { signal, timeoutMs: backoffDelayMs(failures, RECONNECT_BACKOFF) });
  }
}

async function finalRead(target: ContainerLogTarget, cursor: LogCursor, podGone: boolean): Promise<void> {
  try {
    await readContainerLog(target, cursor);
  } catch (err) {
    // A deleted Pod's log is gone with it: what was read is all there is.
    if (podGone && isKubeApiError(err) && err.code === 404) return;
    throw err;
  }
}
