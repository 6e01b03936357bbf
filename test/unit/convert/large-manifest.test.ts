import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const INPUT_BYTES = 50 * 1024 * 1024;
/** Enough for the input, the output and one document at a time; holding every syntax tree needs ~30x the input. */
const HEAP_LIMIT_MB = 256;

describe('a 50 MB manifest', () => {
  it('converts document by document within a small, fixed heap', () => {
    const child = spawnSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', path.join(import.meta.dirname, 'large-manifest-child.ts'), String(INPUT_BYTES)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const summary = JSON.parse(child.stdout) as Record<string, number | boolean>;
    expect(summary['inputBytes']).toBeGreaterThanOrEqual(INPUT_BYTES);
    expect(summary['pods']).toBeGreaterThan(200);
    expect(summary['podsConverted']).toBe(summary['pods']);
    expect(summary['untouched']).toBe(true);
    expect(summary['outputBytes']).toBeGreaterThan(summary['inputBytes'] as number);
    // Resident memory stays a small multiple of the input size.
    expect(summary['maxRssBytes']).toBeLessThan(8 * INPUT_BYTES);
  }, 180_000);
});
