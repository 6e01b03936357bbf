import { createHash } from 'node:crypto';
import path from 'node:path';

/** Each window (one per workspace folder) writes its probe's port to its own file. */
export function probePortFile(portDir: string, workspaceFolder: string): string {
  return path.join(portDir, `${createHash('sha256').update(path.resolve(workspaceFolder)).digest('hex').slice(0, 16)}.port`);
}
