import { type Informer, type KubeObject } from '../../shared/kube/index.js';
import { onInterrupt } from './interrupt.js';
import { type IOStreams } from './io-streams.js';

/**
 * `-w` with an object format (`-o json|yaml|name|jsonpath=...`) or `--watch-only`: like `kubectl get -w`, each
 * change is printed as it arrives, one object per event (deletions too), never a redrawn screen. The objects
 * listed at the start come first unless `watchOnly`. `print` gets whether it prints the first object, so a
 * printer can add a header or a separator. Resolves on SIGINT or SIGTERM.
 */
export function watchEvents<T extends KubeObject>(
  io: IOStreams,
  informer: Informer<T>,
  print: (object: T, first: boolean) => string,
  options: { watchOnly?: boolean } = {},
): Promise<void> {
  return new Promise((resolve) => {
    let first = true;
    let synced = false;
    const show = (object: T) => {
      io.out.write(print(object, first));
      first = false;
    };
    informer.addListener({
      onEvent: (_type, object) => {
        // The first list arrives as events before onSynced: those are the initial objects.
        if (synced || !options.watchOnly) show(object);
      },
      onSynced: () => {
        synced = true;
      },
      onError: (err, retryInMs) => io.err.write(`warning: ${err.message.split('\n')[0]}; reconnecting in ${Math.round(retryInMs / 100) / 10}s\n`),
    });
    const stopListening = onInterrupt(() => {
      informer.stop();
      stopListening();
      resolve();
    });
    informer.start();
  });
}
