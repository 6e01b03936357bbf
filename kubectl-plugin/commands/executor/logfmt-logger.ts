import { type Writable } from 'node:stream';
import { type ExecutorLogger, levelEnabled, type LogLevel } from '../../../shared/executor/index.js';

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** logfmt lines (`time=... level=info msg="..." key=value`), as log collectors parse them, filtered by level. */
export function logfmtLogger(stream: Writable, threshold: LogLevel): ExecutorLogger {
  const line = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!levelEnabled(level, threshold)) return;
    const parts = [`time=${new Date().toISOString()}`, `level=${level}`, `msg=${logfmtValue(message)}`];
    for (const [key, value] of Object.entries(fields ?? {})) if (value !== undefined) parts.push(`${key}=${logfmtValue(value)}`);
    stream.write(`${parts.join(' ')}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
