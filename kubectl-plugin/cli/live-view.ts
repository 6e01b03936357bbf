import { type InformerListener, type KubeObject } from '../../shared/kube/index.js';
import { onInterrupt } from './interrupt.js';
import { type IOStreams, isTerminal } from './io-streams.js';

/** What a live view reads: an informer, or anything that lists, notifies and starts like one (tests). */
export interface LiveSource<T extends KubeObject> {
  list(): T[];
  addListener(listener: InformerListener<T>): unknown;
  start(): unknown;
  stop(): unknown;
}

export interface LiveViewOptions<T> {
  debounceMs?: number;
  /** On a terminal, redraw this often without a watch event, so ages and durations move (default 1 s). */
  tickMs?: number;
  /** The view reached its end (a run finished): the last rendering stays and the view resolves. */
  done?: (objects: T[]) => boolean;
  /** Ctrl+C and SIGTERM end the view; replaceable so a test can end it without a signal. */
  onInterrupt?: (stop: () => void) => () => void;
}

/** How a live view ended, with the objects of its last rendering. */
export interface LiveViewEnd<T> {
  reason: 'done' | 'interrupted';
  objects: T[];
}

/** Connection trouble while the informer reconnects by itself: one warning line on stderr. */
export function reconnectWarning(io: IOStreams): (err: Error, retryInMs: number) => void {
  return (err, retryInMs) => io.err.write(`warning: ${err.message.split('\n')[0]}; reconnecting in ${Math.round(retryInMs / 100) / 10}s\n`);
}

/**
 * Re-renders a whole view whenever the watched objects change (debounced), like `argo watch`: on a terminal
 * the screen is redrawn in place, and once a second even without a change, so AGE and durations keep moving;
 * otherwise each changed rendering is appended, separated by a blank line, and nothing is repeated. Connection
 * trouble is reported on stderr while the informer reconnects by itself. Resolves on SIGINT or SIGTERM, or when
 * `done` says the view reached its end.
 */
export function runLiveView<T extends KubeObject>(
  io: IOStreams,
  informer: LiveSource<T>,
  render: (objects: T[]) => string,
  options: LiveViewOptions<T> = {},
): Promise<LiveViewEnd<T>> {
  const terminal = isTerminal(io.out);
  return new Promise((resolve) => {
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    let ticker: NodeJS.Timeout | undefined;
    let ended = false;
    const finish = (reason: LiveViewEnd<T>['reason']) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      clearInterval(ticker);
      informer.stop();
      stopListening();
      resolve({ reason, objects: informer.list() });
    };
    const show = () => {
      timer = undefined;
      if (ended) return;
      const objects = informer.list();
      const text = render(objects);
      if (text !== last) {
        if (terminal) io.out.write('\u001b[H\u001b[2J');
        else if (last !== '') io.out.write('\n');
        io.out.write(text);
        last = text;
      }
      if (options.done?.(objects)) finish('done');
    };
    const schedule = () => {
      timer ??= setTimeout(show, options.debounceMs ?? 100);
    };
    informer.addListener({
      onSynced: () => {
        // Ticking starts once there is something to show; a pipe gets no repeated output, so no ticking there.
        if (terminal && ticker === undefined) ticker = setInterval(show, options.tickMs ?? 1000);
        schedule();
      },
      onEvent: schedule,
      onError: reconnectWarning(io),
    });
    const stopListening = (options.onInterrupt ?? onInterrupt)(() => finish('interrupted'));
    informer.start();
  });
}
