import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/** A temporary file of ours left behind has this name: `.NAME.<12 hex digits>.tmp`, beside NAME. */
export function temporaryNameFor(file: string, suffix: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${suffix}.tmp`);
}

/** Older than this, a temporary file beside its target cannot belong to a run still writing it. */
export const STALE_TEMPORARY_AGE_MS = 60_000;

/**
 * Removes the temporary files an earlier `--in-place` run left beside `file` when it was killed while
 * writing (a kill gives no chance to clean up; Node cannot create unnamed files). Returns their names.
 */
export function removeStaleTemporaries(file: string, now = Date.now()): string[] {
  const dir = path.dirname(file);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(file))}\\.[0-9a-f]{12}\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const full = path.join(dir, name);
    try {
      if (now - statSync(full).mtimeMs < STALE_TEMPORARY_AGE_MS) continue;
      unlinkSync(full);
      removed.push(full);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
