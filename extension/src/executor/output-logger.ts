import type * as vscode from 'vscode';
import { type ExecutorLogger } from '../../../shared/executor/index.js';

function value(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * The engine's structured log as lines of the output channel: `time level message key=value ...`, the layout of
 * `kubectl kueue executor`'s stderr, so a line reads the same wherever the engine runs. Debug lines are left out.
 */
export function outputLogger(channel: Pick<vscode.OutputChannel, 'appendLine'>, now: () => Date = () => new Date()): ExecutorLogger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const parts = [now().toISOString(), level.padEnd(5), message];
    for (const [key, v] of Object.entries(fields ?? {})) if (v !== undefined) parts.push(`${key}=${value(v)}`);
    channel.appendLine(parts.join(' '));
  };
  return { debug: () => {}, info: line('info'), warn: line('warn'), error: line('error') };
}
