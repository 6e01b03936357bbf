import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isProcessAlive } from '../cluster/control-plane/process-group.js';

const run = promisify(execFile);

export const CODE_SERVER_VERSION = '4.100.3';

/** Settings every UI run starts with: no welcome page, tips, telemetry, update checks or restored state. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** `<install dir>/code-server` from install-code-server.sh. */
  launcher: string;
  /** Extensions installed before the server starts (`--install-extension`). */
  vsixes: readonly string[];
  /** User settings (merged over QUIET_SETTINGS). */
  settings?: Record<string, unknown>;
  /** User keybindings (`User/keybindings.json`). */
  keybindings?: readonly { key: string; command: string; args?: unknown; when?: string }[];
  /** Extra environment for the server and so for its extension hosts. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** The temporary directory holding HOME, the user data and the extensions. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** The server's output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs test/harness/ui/install-code-server.sh (a no-op when the cache has it) and returns the launcher. Throws
 * with the script's output when the install fails.
 */
export async function installCodeServer(script: string, log: (line: string) => void = () => {}): Promise<string> {
  const started = Date.now();
  const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.startsWith('[code-server]')) log(line);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`install-code-server.sh failed (exit ${code}):\n${stderr.slice(-4000)}`);
  const dir = stdout.trim().split('\n').pop() ?? '';
  log(`code-server ${CODE_SERVER_VERSION} ready in ${dir} (${Date.now() - started} ms)`);
  return path.join(dir, 'code-server');
}

/**
 * Starts code-server on a free 127.0.0.1 port with everything it writes (HOME, XDG dirs, user data,
 * extensions, config) in a new temporary directory, after installing the given extensions there.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const log = options.log ?? (() => {});
  await reapAbandonedServers(log);
  const root = await mkdtemp(path.join(os.tmpdir(), 'kueue-ui-'));
  const home = path.join(root, 'home');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const config = path.join(root, 'config.yaml');
  await Promise.all([home, path.join(userDataDir, 'User'), extensionsDir].map((dir) => mkdir(dir, { recursive: true })));
  await writeFile(config, 'auth: none\ncert: false\n');
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  await writeFile(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(options.keybindings ?? [], null, 2));
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    ...options.env,
  };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', config];

  if (options.vsixes.length > 0) {
    const started = Date.now();
    const args = [...options.vsixes.flatMap((vsix) => ['--install-extension', vsix]), ...common];
    await run(options.launcher, args, { env, timeout: 120_000 }).catch((err: unknown) => {
      const out = err as { stdout?: string; stderr?: string };
      throw new Error(`installing ${options.vsixes.join(', ')} failed:\n${out.stdout ?? ''}${out.stderr ?? ''}`);
    });
    log(`installed ${options.vsixes.map((v) => path.basename(v)).join(', ')} in ${Date.now() - started} ms`);
  }

  const started = Date.now();
  const child = spawn(
    options.launcher,
    ['--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common],
    // Its own process group, so stop() also ends the extension hosts and watchers it forks.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await writeFile(path.join(root, 'owner.json'), JSON.stringify({ runner: process.pid, server: child.pid }));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      // The last part is enough to explain a failure; the server logs for as long as it runs.
      output = (output + chunk.toString()).slice(-100_000);
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
    });
  });
  log(`code-server listening on 127.0.0.1:${port} after ${Date.now() - started} ms`);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    root,
    userDataDir,
    extensionsDir,
    output: () => output,
    stop: async () => {
      await stopGroup(child);
      if (process.env['KUEUE_UI_KEEP'] === '1') log(`kept ${root}`);
      else await rm(root, { recursive: true, force: true });
    },
  };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid ?? 0, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}


/** A test run killed with SIGKILL leaves its server running: stop those whose runner is gone. */
async function reapAbandonedServers(log: (line: string) => void): Promise<void> {
  for (const entry of readdirSync(os.tmpdir())) {
    if (!entry.startsWith('kueue-ui-')) continue;
    const dir = path.join(os.tmpdir(), entry);
    const ownerFile = path.join(dir, 'owner.json');
    if (!existsSync(ownerFile)) continue;
    try {
      const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { runner: number; server: number };
      if (isProcessAlive(owner.runner)) continue;
      if (isProcessAlive(owner.server)) killGroup(owner.server, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
      log(`removed the leftovers of an earlier run in ${dir}`);
    } catch {
      // Another run is cleaning up the same directory.
    }
  }
}
