import { readFile } from 'node:fs/promises';
import { type Browser } from 'playwright-core';
import { type HostReport, hostReportPath } from '../../ui/host/host-report.js';

export interface ExtensionHostRun {
  /** The extension host's exit code: 0 when run() resolved. */
  exitCode: number;
  report: HostReport | undefined;
  /** The window's console, where the extension host's output is forwarded. */
  console: string[];
}

export interface ExtensionHostRunOptions {
  /** code-server's base URL and port. */
  url: string;
  port: number;
  /** The extension folder to load as under development (its package.json and dist/). */
  extensionDir: string;
  /** The bundled suite exporting run(). */
  testsPath: string;
  /** The workspace folder the window opens. */
  folder: string;
  timeoutMs?: number;
}

/**
 * Runs an extension test suite inside code-server's real extension host, the way VS Code runs its own
 * browser integration tests: the workbench's `payload` URL parameter names the extension under development
 * and the tests module (both `vscode-remote://` paths on this machine), and the workbench reports the
 * extension host's exit code through `window.codeAutomationExit`.
 */
export async function runInExtensionHost(browser: Browser, options: ExtensionHostRunOptions): Promise<ExtensionHostRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  const remote = (file: string) => `vscode-remote://127.0.0.1:${options.port}${file}`;
  try {
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      lines.push(`[${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    });
    const payload = [
      ['extensionDevelopmentPath', remote(options.extensionDir)],
      ['extensionTestsPath', remote(options.testsPath)],
      ['enableProposedApi', ''],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${options.url}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = options.timeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension-host suite did not finish within ${timeoutMs} ms:\n${lines.slice(-40).join('\n')}`)), timeoutMs);
    });
    const exitCode = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    const report = await readFile(hostReportPath(options.folder), 'utf8').then(
      (text) => JSON.parse(text) as HostReport,
      () => undefined,
    );
    return { exitCode, report, console: lines };
  } finally {
    await context.close();
  }
}
