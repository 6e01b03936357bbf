import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The original kueueleuleu CLI, for differential tests: `$KUEUELEULEU_BIN` if set, else the binary cached in
 * ~/.cache/kueue/kueueleuleu-v0.1.0/, else built there once with `go install` from the Go module proxy.
 */
export const ORIGINAL_MODULE = 'github.com/norbjd/kueueleuleu/cmd/kueueleuleu@v0.1.0';
export const ORIGINAL_CACHE_DIR = path.join(os.homedir(), '.cache', 'kueue', 'kueueleuleu-v0.1.0');

/**
 * `refused`: the module proxy answered that it does not serve this module version (HTTP 403/404/410). That is
 * final on this machine, unlike a missing Go or a failed build, so even CI can only report it, not fix it.
 */
export type OriginalTool = { available: true; binary: string } | { available: false; reason: string; refused?: boolean };

/** CI (and anyone who sets KUEUE_REQUIRE_GO=1) must run the differential tests, not skip them. */
export const ORIGINAL_TOOL_REQUIRED = process.env['CI'] === 'true' || process.env['KUEUE_REQUIRE_GO'] === '1';

export function findOriginalTool(): OriginalTool {
  const fromEnv = process.env['KUEUELEULEU_BIN'];
  if (fromEnv) {
    return existsSync(fromEnv) ? { available: true, binary: fromEnv } : { available: false, reason: `KUEUELEULEU_BIN=${fromEnv} does not exist` };
  }
  const cached = path.join(ORIGINAL_CACHE_DIR, 'kueueleuleu');
  if (existsSync(cached)) return { available: true, binary: cached };
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) return { available: false, reason: 'Go is not installed (needed to build the original kueueleuleu)' };
  mkdirSync(ORIGINAL_CACHE_DIR, { recursive: true });
  const install = spawnSync('go', ['install', ORIGINAL_MODULE], {
    encoding: 'utf8',
    env: { ...process.env, GOBIN: ORIGINAL_CACHE_DIR, GOFLAGS: '-mod=mod' },
    timeout: 15 * 60 * 1000,
  });
  if (install.status === 0 && existsSync(cached)) return { available: true, binary: cached };
  const detail = (install.stderr || install.error?.message || '').trim().split('\n').slice(-3).join(' ');
  const refused = /\b(403|404|410)\b|not available|not found/i.test(detail);
  return { available: false, reason: `go install ${ORIGINAL_MODULE} failed: ${detail}`, refused };
}

/** Runs the original CLI on a manifest; its output, or the error it printed (it exits 1 via log.Fatal). */
export function runOriginal(binary: string, manifest: string): { ok: true; stdout: string } | { ok: false; stderr: string } {
  const run = spawnSync(binary, ['-f', '-'], { input: manifest, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status === 0) return { ok: true, stdout: run.stdout };
  return { ok: false, stderr: run.stderr };
}
