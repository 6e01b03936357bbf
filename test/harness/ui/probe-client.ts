import { readFile } from 'node:fs/promises';
import { probePortFile } from './probe-extension/src/probe-port-file.js';
import { type ProbeState } from './probe-extension/src/probe-state.js';

/** Reads a window's state from the probe extension running in that window's extension host. */
export class ProbeClient {
  private constructor(private readonly url: string) {}

  /** Waits until the probe of the window showing `workspaceFolder` has started. */
  static async connect(portDir: string, workspaceFolder: string, timeoutMs = 60_000): Promise<ProbeClient> {
    const file = probePortFile(portDir, workspaceFolder);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const port = await readFile(file, 'utf8').catch(() => '');
      if (port !== '') {
        const client = new ProbeClient(`http://127.0.0.1:${port}`);
        // The file may be older than the window (a folder opened again): only a probe that answers counts.
        if (await client.state().then(() => true, () => false)) return client;
      }
      if (Date.now() > deadline) throw new Error(`the probe extension did not start within ${timeoutMs} ms (no ${file})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async state(): Promise<ProbeState> {
    const response = await fetch(`${this.url}/state`);
    if (!response.ok) throw new Error(`probe answered ${response.status}`);
    return (await response.json()) as ProbeState;
  }

  /** Polls the state until `accept` returns a value other than undefined; fails with the last state. */
  async waitFor<T>(what: string, accept: (state: ProbeState) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: ProbeState | undefined;
    for (;;) {
      last = await this.state();
      const value = accept(last);
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        const editor = last.activeEditor === null ? 'no active editor' : `active editor ${last.activeEditor.name} (version ${last.activeEditor.version})`;
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${editor}, ${last.diagnostics.length} diagnostics`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
