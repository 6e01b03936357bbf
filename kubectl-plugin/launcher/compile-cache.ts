import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** What the cache did in this process (for tests and `KUEUE_COMPILE_CACHE_DEBUG`). */
export interface CompileCacheStats {
  /** Bundles compiled from their cached code. */
  hits: number;
  /** Bundles with no cached code yet, or whose cached code V8 refused (another Node, other flags, damaged). */
  misses: number;
  /** Cache files written at exit. */
  written: number;
}

export interface CompileCacheOptions {
  /** Only the files directly in this directory are compiled through the cache: the plugin's own bundles. */
  bundleDir: string;
  /** Where the cached code is kept. */
  cacheDir: string;
  /**
   * V8 flags this process set at run time (`v8.setFlagsFromString`) before loading the bundles: V8 refuses code
   * cached under other flags, so caches made under different flags are kept apart.
   */
  runtimeFlags?: string;
}

type Compile = (this: NodeJS.Module, content: string, filename: string) => unknown;

/**
 * A V8 code cache for the plugin's bundles, kept across runs, as Node 22's `module.enableCompileCache()` keeps
 * one (Node 20 has none). A short command spends much of its time compiling the bundles it loads; with the cache,
 * V8 takes the bytecode of every function a previous run compiled, including those compiled lazily while it ran,
 * because the cache is made at exit rather than at load. The cached code is checked by V8 itself (its version,
 * flags and the source's length) and refused when it does not fit, which counts as a miss and writes a new one;
 * the file name also carries the flags and the bundle's directory (hashed), its size and modification time, so
 * an upgraded bundle never meets old code, and neither commands run under different flags nor two installs of
 * the plugin take turns overwriting one file.
 * Nothing here may fail a command: any problem reading or writing the cache leaves the bundle compiled as usual.
 */
export function enableCompileCache(options: CompileCacheOptions): CompileCacheStats {
  const stats: CompileCacheStats = { hits: 0, misses: 0, written: 0 };
  const bundleDir = path.resolve(options.bundleDir);
  const toWrite: { script: vm.Script; file: string; family: string }[] = [];
  const moduleClass = Module as unknown as { prototype: { _compile: Compile }; wrap: (source: string) => string };
  const original = moduleClass.prototype._compile;
  // Two installs of the plugin (krew's and a checkout's) may share one cache directory: each keeps its own files,
  // or each run of one would remove the other's as stale and both would compile from scratch every time.
  const flagsKey = hashOf(`${bundleDir}|${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}|${options.runtimeFlags ?? ''}`);

  moduleClass.prototype._compile = function compileThroughCache(this: NodeJS.Module, content: string, filename: string): unknown {
    // A bundle with a real import() needs Node's own loader for it; ours have none (esbuild.mjs turns them into
    // requires), and one that had would simply not be cached.
    if (path.dirname(filename) !== bundleDir || content.includes('import(')) return original.call(this, content, filename);
    let script: vm.Script;
    let file: string;
    try {
      const stat = statSync(filename);
      const family = `${path.basename(filename)}-${flagsKey}-`;
      file = path.join(options.cacheDir, `${family}${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}.cache`);
      const cachedData = readQuietly(file);
      script = new vm.Script(moduleClass.wrap(content), { filename, ...(cachedData !== undefined ? { cachedData } : {}) });
      if (cachedData !== undefined && !script.cachedDataRejected) stats.hits++;
      else {
        stats.misses++;
        toWrite.push({ script, file, family });
      }
    } catch {
      return original.call(this, content, filename);
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    for (const entry of toWrite) if (writeCache(options.cacheDir, entry.file, entry.family, entry.script)) stats.written++;
    if (process.env.KUEUE_COMPILE_CACHE_DEBUG === '1') process.stderr.write(`compile cache: ${JSON.stringify(stats)}\n`);
  });
  return stats;
}

/**
 * The cache directory, or undefined when it is turned off: `KUEUE_COMPILE_CACHE` names a directory or says `off`;
 * Node's own switch `NODE_DISABLE_COMPILE_CACHE=1` turns it off too; else `$XDG_CACHE_HOME/kueue/compile-cache`,
 * or `~/.cache/kueue/compile-cache`.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, home: string | undefined): string | undefined {
  const setting = env.KUEUE_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  if (setting !== undefined && setting !== '') return setting;
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : home !== undefined && home !== '' ? path.join(home, '.cache') : undefined;
  return base === undefined ? undefined : path.join(base, 'kueue', 'compile-cache');
}

function readQuietly(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written aside and renamed, so a concurrent run reads a whole file or none. Older caches of the same bundle
 * under the same flags (`family`: an earlier build, another Node) go.
 */
function writeCache(dir: string, file: string, family: string, script: vm.Script): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Never made.
    }
    return false;
  }
  for (const other of readdirQuietly(dir)) {
    const stale = other.startsWith(family) && other.endsWith('.cache') && path.join(dir, other) !== file;
    if (stale) {
      try {
        unlinkSync(path.join(dir, other));
      } catch {
        // Another run removed it first.
      }
    }
  }
  return true;
}

function readdirQuietly(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** FNV-1a, as hex: enough to tell flag sets apart in a file name, without loading node:crypto. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
