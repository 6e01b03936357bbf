import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type HostReport, hostReportPath } from './host-report.js';

interface HostTest {
  name: string;
  run: () => Promise<void>;
}

const tests: HostTest[] = [];

/**
 * Registers a test that runs inside the real extension host (with the `vscode` API), in registration order.
 * Tests share the window and its workspace folder, so each works on files of its own.
 */
export function hostTest(name: string, run: () => Promise<void>): void {
  tests.push({ name, run });
}

/**
 * Runs every registered test, writes the report beside the workspace folder and fails (which makes the
 * extension host exit non-zero) when any test failed. Output goes to the console, which both runners show.
 */
export async function runHostTests(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder === undefined) throw new Error('the extension-host suite needs a workspace folder');
  const report: HostReport = { results: [] };
  for (const test of tests) {
    const started = Date.now();
    try {
      await test.run();
      report.results.push({ name: test.name, passed: true, ms: Date.now() - started });
      console.log(`  ok   ${test.name} (${Date.now() - started} ms)`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      report.results.push({ name: test.name, passed: false, ms: Date.now() - started, error });
      console.log(`  FAIL ${test.name}\n${error}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  }
  await writeFile(hostReportPath(folder), JSON.stringify(report, null, 2));
  const failed = report.results.filter((r) => !r.passed).length;
  if (failed > 0) throw new Error(`${failed} of ${report.results.length} extension-host tests failed`);
}
