import { type KubeClient, formatDuration } from '../../shared/kube/index.js';
import { type RunRef, runStatusLine, waitForRun } from '../../shared/runs/index.js';
import { printExecutorNotices } from './executor-notice.js';
import { type IOStreams } from './io-streams.js';

/** `wait`'s exit codes, as argo's and kubectl's: 0 only for success, 2 for a wait that gave up. */
export const WaitExit = { Succeeded: 0, Failed: 1, TimedOut: 2 } as const;

/**
 * Waits for each run until it is finished, printing its status line on stdout; returns the exit code: 0 when
 * every run succeeded, 1 when one failed or was aborted, 2 when the time ran out first (said on stderr).
 */
export async function waitForRunsExitCode(io: IOStreams, client: KubeClient, refs: readonly RunRef[], timeoutMs: number | undefined): Promise<number> {
  const notices: Promise<void>[] = [];
  const results = await Promise.all(
    refs.map(async (ref) => {
      let noticed = false;
      return waitForRun(client, ref, {
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        onUpdate: (run) => {
          // Once, when the run is first read: later changes do not repeat it.
          if (noticed) return;
          noticed = true;
          notices.push(printExecutorNotices(io, client, run.actions));
        },
      });
    }),
  );
  await Promise.all(notices);
  let code: number = WaitExit.Succeeded;
  for (const { run, timedOut } of results) {
    io.out.write(`${runStatusLine(run.runName, run.status)}\n`);
    if (timedOut) {
      io.err.write(`error: timed out after ${formatDuration(timeoutMs ?? 0)} waiting for run ${run.runName} to finish\n`);
      code = Math.max(code, WaitExit.TimedOut);
    } else if (run.status.phase !== 'Succeeded') {
      code = Math.max(code, WaitExit.Failed);
    }
  }
  return code;
}
