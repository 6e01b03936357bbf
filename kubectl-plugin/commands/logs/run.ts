import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type LogRequest, streamLogs } from '../../../shared/logs/index.js';
import { onInterrupt } from '../../cli/interrupt.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseOptionalDurationFlag } from '../../flags/duration-flag.js';
import { runListSelector } from '../../flags/run-selector.js';
import { parseOptionalWholeNumber } from '../../flags/whole-number.js';
import { type LogsFlags } from './command.js';
import { formatLogLine, type LogPrintOptions } from './log-printer.js';

function printOptions(flags: LogsFlags, wholeRun: boolean): LogPrintOptions {
  const several = flags.container === undefined && flags.step === undefined;
  return { timestamps: flags.timestamps === true, prefix: wholeRun || flags.prefix === true ? (several ? 'pod' : 'container') : 'none' };
}

/** `logs RUN [ACTION]`: lines to stdout as they come; where it waits or moves to another attempt, a note on stderr. */
export async function runLogs(io: IOStreams, target: { run: string; action: string | undefined }, flags: LogsFlags): Promise<void> {
  if (flags.container !== undefined && flags.step !== undefined) throw new UserError('-c/--container and --step exclude each other', { field: '--step' });
  const sinceMs = parseOptionalDurationFlag(flags.since, '--since', { minMs: 1000 });
  const tailLines = parseOptionalWholeNumber(flags.tail, '--tail');
  const attempt = parseOptionalWholeNumber(flags.attempt, '--attempt', { min: 1 });
  const connection = loadConnection(connectionFlags(flags));
  const client = new HttpKubeClient(connection);
  const interrupted = new AbortController();
  const stopListening = onInterrupt(() => interrupted.abort());
  const print = printOptions(flags, target.action === undefined);
  const request: LogRequest = {
    namespace: connection.namespace,
    runName: target.run,
    runSelector: runListSelector(target.run, flags) ?? '',
    action: target.action,
    attempt,
    choice: { container: flags.container, step: flags.step },
    window: { sinceSeconds: sinceMs === undefined ? undefined : Math.ceil(sinceMs / 1000), tailLines },
    follow: flags.follow === true,
    signal: interrupted.signal,
  };
  try {
    await streamLogs(client, request, {
      line: (line) => io.out.write(formatLogLine(line, print)),
      notice: (text) => io.err.write(`${text}\n`),
    });
  } finally {
    stopListening();
    client.close();
  }
}
