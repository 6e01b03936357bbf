import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { documentsInSelection, planActions } from '../../extension/src/convert/document-actions.js';
import { documentEdits } from '../../extension/src/convert/document-edits.js';
import { analyzeManifest } from '../../extension/src/convert/manifest-analysis.js';

export interface CodeActionTimes {
  /** Offering the action (analysing the new text version) and then computing its edit, per edit of the file. */
  action: number[];
  /** Only parsing the same text with the yaml package: the floor any analysis pays. */
  parse: number[];
  /** CPU time of each action run (ms): what a loaded machine's wall time hides. */
  actionCpu: number[];
  lines: number;
}

/**
 * What the editor does when the user asks for the convert code action on a freshly edited file: analyse that
 * version (provideCodeActions), then compute the edit for the document under the cursor (resolveCodeAction).
 * Every run sees a new version of the text (one more comment), as after a keystroke, so no cache helps.
 * In-process, without VS Code: the extension runs exactly this code, and its host adds only the IPC.
 */
export function measureCodeAction(text: string, runs: number): CodeActionTimes {
  const times: CodeActionTimes = { action: [], parse: [], actionCpu: [], lines: text.split('\n').length - 1 };
  for (let run = -5; run < runs; run++) {
    const version = `${text}# edit ${run}\n`;
    const cursor = version.indexOf('containers:');
    const cpu = process.cpuUsage();
    const started = performance.now();
    const analysis = analyzeManifest(version);
    const [plan] = planActions(documentsInSelection(analysis, cursor, cursor));
    if (plan === undefined || plan.targets.length === 0) throw new Error('the bench Pod offers no convert action');
    const { edits } = documentEdits(version, plan.targets.map((d) => d.start), plan.mode);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (edits.length === 0) throw new Error('the convert action changed nothing');
    const parseStarted = performance.now();
    parseAllDocuments(version);
    const parseElapsed = performance.now() - parseStarted;
    // The first runs warm up the JIT, as the extension host is warm after the first few actions.
    if (run < 0) continue;
    times.action.push(elapsed);
    times.parse.push(parseElapsed);
    times.actionCpu.push((used.user + used.system) / 1000);
  }
  return times;
}
