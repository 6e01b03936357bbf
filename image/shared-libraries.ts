import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class BaseLayerError extends Error {}

/**
 * The shared libraries and the dynamic loader a binary needs, as the paths `ldd` names them (the loader at the path
 * the binary asks for, which is what the kernel opens). The kernel's vDSO has no file and is left out. A binary
 * that is not dynamically linked needs nothing.
 */
export function parseLddOutput(binary: string, output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('linux-vdso') || line.startsWith('linux-gate')) continue;
    if (/not a dynamic executable|statically linked/.test(line)) return [];
    const missing = /^(\S+) => not found$/.exec(line);
    if (missing) throw new BaseLayerError(`${binary} needs ${missing[1] ?? ''}, which this machine does not have: install the package that provides it`);
    const linked = /^\S+ => (\/\S+) \(0x[0-9a-f]+\)$/.exec(line) ?? /^(\/\S+) \(0x[0-9a-f]+\)$/.exec(line);
    if (!linked?.[1]) throw new BaseLayerError(`cannot read ldd's answer for ${binary}: ${line}`);
    paths.push(linked[1]);
  }
  return paths;
}

/** `ldd binary`, read by parseLddOutput. */
export async function sharedLibrariesOf(binary: string): Promise<string[]> {
  try {
    const { stdout } = await run('ldd', [binary]);
    return parseLddOutput(binary, stdout);
  } catch (error) {
    if (error instanceof BaseLayerError) throw error;
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    const said = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    // ldd exits 1 for a static binary: nothing to copy.
    if (/not a dynamic executable|statically linked/.test(said)) return [];
    if (failure.code === 'ENOENT') throw new BaseLayerError('ldd is not installed: the base layer is made from this machine\'s Node.js and the libraries ldd lists (a glibc Linux), or build with --without-base');
    throw new BaseLayerError(`ldd ${binary} failed: ${said.trim() || String(error)}`);
  }
}
