import { type Informer, type KubeObject } from '../../shared/kube/index.js';
import { onInterrupt } from './interrupt.js';
import { type IOStreams, isTerminal } from './io-streams.js';

/**
 * Re-renders a whole view whenever the watched objects change (debounced), like `argo watch`: on a terminal
 * the screen is redrawn in place; otherwise each changed rendering is appended, separated by a blank line.
 * Connection trouble is reported on stderr while the informer reconnects by itself. Resolves on SIGINT or
 * SIGTERM, or when `done` says the view reached its end.
 */
export function runLiveView<T extends KubeObject>(
  io: IOStreams,
  informer: Informer<T>,
  render: (objects: T[]) => string,
  options: { debounceMs?: number; done?: (objects: T[]) => boolean } = {},
): Promise<void> {
  return new Promise((resolve) => {
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      informer.stop();
      stopListening();
      resolve();
    };
    const show = () => {
      timer = undefined;
      const objects = informer.list();
      const text = render(objects);
      if (text !== last) {
        if (isTerminal(io.out)) io.out.write('\u001b[H\u001b[2J');
        else if (last !== '') io.out.write('\n');
        io.out.write(text);
        last = text;
      }
      if (options.done?.(objects)) finish();
    };
    const schedule = () => {
      timer ??= setTimeout(show, options.debounceMs ?? 100);
    };
    informer.addListener({
      onSynced: schedule,
      onEvent: schedule,
      onError: (err, retryInMs) => io.err.write(`warning: ${err.message.split('\n')[0]}; reconnecting in ${Math.round(retryInMs / 100) / 10}s\n`),
    });
    const stopListening = onInterrupt(finish);
    informer.start();
  });
}
