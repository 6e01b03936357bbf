import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Readable } from 'node:stream';
import { UserError } from '../../shared/errors/index.js';
import { readAll } from './io-streams.js';

export interface InputFile {
  /** The path as the user gave it (or found below a directory); `-` for standard input. */
  path: string;
  bytes: Buffer;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Reads kubectl-style `-f` inputs: files, `-` for standard input, directories (their .yaml/.yml/.json files, and
 * with `recursive` those of subdirectories too), in a stable order. A missing path is an error naming it.
 * `stdin` is called only for `-`: opening standard input loads stream modules a short command need not load.
 */
export async function readInputFiles(paths: string[], stdin: () => Readable, options: { recursive?: boolean } = {}): Promise<InputFile[]> {
  if (paths.length === 0) throw new UserError('no input: give -f FILE, -f DIRECTORY or -f - for standard input');
  const files: InputFile[] = [];
  for (const given of paths) {
    if (given === '-') {
      files.push({ path: '-', bytes: await readAll(stdin()) });
      continue;
    }
    let stat;
    try {
      stat = statSync(given);
    } catch {
      throw new UserError(`the path "${given}" does not exist`, { file: given });
    }
    if (stat.isDirectory()) files.push(...readDirectory(given, options.recursive ?? false));
    else files.push({ path: given, bytes: readFileSync(given) });
  }
  return files;
}

function readDirectory(dir: string, recursive: boolean): InputFile[] {
  const found: InputFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) found.push(...readDirectory(full, true));
    } else if (MANIFEST.test(entry.name)) {
      found.push({ path: full, bytes: readFileSync(full) });
    }
  }
  return found;
}
