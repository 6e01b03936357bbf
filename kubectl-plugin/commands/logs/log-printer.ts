import { type LogLine } from '../../../shared/logs/index.js';

export interface LogPrintOptions {
  timestamps: boolean;
  /** `<pod>: ` before each line (every action of a run, as argo logs prints a workflow); with containers, `<pod>/<container>: `. */
  prefix: 'none' | 'pod' | 'container';
}

/** A log line as printed: the kubelet's time first when asked (as `kubectl logs --timestamps`), then the prefix. */
export function formatLogLine(line: LogLine, options: LogPrintOptions): string {
  const prefix = options.prefix === 'pod' ? `${line.pod}: ` : options.prefix === 'container' ? `${line.pod}/${line.container}: ` : '';
  const time = options.timestamps && line.timestamp !== '' ? `${line.timestamp} ` : '';
  return `${time}${prefix}${line.text}\n`;
}
