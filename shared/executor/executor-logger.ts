import { type PluginLogger } from '../plugins/index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Structured logging for the engine: a message plus fields. Adapters decide the format and where lines go
 * (stderr for the CLI, an output channel in the editor); the core never prints.
 */
export type ExecutorLogger = PluginLogger;

export const SILENT_LOGGER: ExecutorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger that adds `fields` to every line, e.g. which TaskAction a plugin works on. */
export function withFields(logger: ExecutorLogger, fields: Record<string, unknown>): ExecutorLogger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Whether a line of `level` passes a threshold of `threshold`. */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}
