import { UserError } from '../errors/index.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go-style duration as kubectl flags take them (`500ms`, `30s`, `1m30s`, `2h`); a bare number is
 * seconds, as in kubectl's `--request-timeout=5`.
 */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = trimmed.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== trimmed) {
    throw new UserError(`invalid duration "${text}" for ${flag}`, {}, 'use a number with a unit, e.g. 500ms, 30s, 5m, 1h30m');
  }
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part);
    if (m?.[1] && m[2]) total += Number(m[1]) * (UNIT_MS[m[2]] ?? 0);
  }
  return Math.round(total);
}

/** The inverse of `parseDuration`, in the largest units that fit: 90_000 -> `1m30s`, 1500 -> `1s500ms`. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  let text = '';
  for (const [unit, size] of Object.entries(UNIT_MS).sort(([, a], [, b]) => b - a)) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text === '' ? '0s' : text;
}
