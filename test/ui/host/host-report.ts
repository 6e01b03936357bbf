/** What the extension-host suite reports back to the runner that started it (code-server or test-electron). */
export interface HostReport {
  results: { name: string; passed: boolean; ms: number; error?: string }[];
}

/**
 * Where the suite writes its report: beside the workspace folder it ran in. Both runners know that folder,
 * and neither can pass an environment variable to an extension host they share (code-server starts one
 * per window from a single server process).
 */
export function hostReportPath(workspaceFolder: string): string {
  return `${workspaceFolder.replace(/[/\\]+$/, '')}.host-report.json`;
}
