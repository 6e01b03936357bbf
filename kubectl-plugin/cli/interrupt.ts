export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/**
 * Calls `handler` on the next Ctrl+C (SIGINT) or SIGTERM, once; returns a function that stops listening.
 * While a handler is registered the signal no longer ends the process: the command decides how to stop.
 * Once it is gone, Node's default (exit at once) applies again.
 */
export function onInterrupt(handler: (signal: InterruptSignal) => void): () => void {
  const listener = (signal: InterruptSignal) => {
    cancel();
    handler(signal);
  };
  const cancel = () => {
    for (const signal of SIGNALS) process.off(signal, listener);
  };
  for (const signal of SIGNALS) process.on(signal, listener);
  return cancel;
}

/** The next SIGINT or SIGTERM as a promise; `cancel` stops listening (the promise then never settles). */
export function nextInterrupt(): { received: Promise<InterruptSignal>; cancel: () => void } {
  let cancel = () => {};
  const received = new Promise<InterruptSignal>((resolve) => {
    cancel = onInterrupt(resolve);
  });
  return { received, cancel };
}
