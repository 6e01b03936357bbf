// bench/authoring: the editor's checks of a TaskAction file (problems, completion, hover) per keystroke pause, and
// loading the authoring bundle on the first YAML request, each against a floor measured in the same run. Run alone
// with `node --import tsx bench/authoring/run.ts` (after `npm run build`, for the bundle).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fieldCompletions, fieldHover, manifestProblems } from '../../shared/authoring/index.js';
import { yamlDocuments } from '../../shared/convert/index.js';
import { repoRoot } from '../../test/harness/repo-root.js';
import { timeCommand } from '../support/child-process-timing.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs, formatRatio, median, pairedRatio } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';

const ROUNDS = 15;
const LOAD_RUNS = 9;
const SIZES = [20, 200];
/** Diagnostics are recomputed after typing pauses for 250 ms; one check must fit well inside that pause. */
const TARGET_CHECK_MS = 100;
/** The checks may cost at most this many times parsing the file, the least any check of it needs. */
const TARGET_RATIO = 4;

const log = (line: string) => process.stderr.write(`[bench/authoring] ${line}\n`);

/** A run of `count` TaskActions: a root, and children each after the previous one, with one typo every 10. */
function runFile(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const after = i > 1 ? `metadata:\n  annotations:\n    kueue.dev/after: a${i - 1}\n` : '';
    const parent = i > 0 ? '  parentActionName: a0\n' : '';
    const retries = i % 10 === 9 ? '    retires: 1\n' : '    retries: 1\n';
    docs.push(
      `apiVersion: flyte.org/v1\nkind: TaskAction\n${after}spec:\n  runName: bench\n  actionName: a${i}\n${parent}  taskTemplate:\n${retries}    container:\n      image: busybox:1.36\n      command: [sh, -c, "echo ${i}"]\n`,
    );
  }
  return docs.join('---\n');
}

interface Sample {
  wall: number[];
  cpu: number[];
}

function timed(sample: Sample, work: () => void): void {
  const cpu = process.cpuUsage();
  const started = performance.now();
  work();
  sample.wall.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  sample.cpu.push((used.user + used.system) / 1000);
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const size of SIZES) {
    const text = runFile(size);
    const problems = manifestProblems(text);
    if (problems.length !== Math.floor(size / 10)) throw new Error(`expected ${Math.floor(size / 10)} problems in the ${size}-document file, got ${problems.length}`);
    const floor: Sample = { wall: [], cpu: [] };
    const check: Sample = { wall: [], cpu: [] };
    const assist: Sample = { wall: [], cpu: [] };
    const cursor = text.lastIndexOf('      image');
    // Floor and checks take turns in every round, so a load spike on a shared machine hits both.
    for (let round = 0; round < ROUNDS; round++) {
      timed(floor, () => {
        for (const { doc } of yamlDocuments(text)) doc.toJS();
      });
      timed(check, () => manifestProblems(text));
      timed(assist, () => {
        fieldCompletions(text, cursor);
        fieldHover(text, cursor + 7);
      });
    }
    const wallRatio = pairedRatio(check.wall, floor.wall);
    const cpuRatio = pairedRatio(check.cpu, floor.cpu);
    const p50 = median(check.wall);
    rows.push([`problems, ${size} TaskActions (${(text.length / 1024).toFixed(0)} KiB)`, `${formatMs(p50)} wall, ${formatMs(median(check.cpu))} CPU`, `${formatMs(median(floor.wall))} wall, ${formatMs(median(floor.cpu))} CPU`, `${formatRatio(wallRatio, 'times')} wall, ${formatRatio(cpuRatio, 'times')} CPU`, `< ${TARGET_CHECK_MS} ms, <= ${TARGET_RATIO}x`, p50 < TARGET_CHECK_MS && verdict(cpuRatio, TARGET_RATIO, 'at most') === 'met' ? 'met' : 'MISSED']);
    rows.push([`completion + hover, ${size} TaskActions`, `${formatMs(median(assist.wall))} wall, ${formatMs(median(assist.cpu))} CPU`, 'same floor', formatRatio(pairedRatio(assist.cpu, floor.cpu), 'times') + ' CPU', '', '']);
    log(`${size} documents: problems ${formatMs(p50)}, parse floor ${formatMs(median(floor.wall))}`);
  }

  const bundle = path.join(repoRoot(), 'extension', 'dist', 'lib', 'authoring-authoring-module.js');
  const notes = [
    `${machineDescription()}; load average ${loadAverage().toFixed(1)} at the end.`,
    `Generated files: a run whose actions each wait for the previous one (\`kueue.dev/after\`) under one parent, one misspelt \`retries\` in ten documents; ${ROUNDS} rounds, each parsing the file (the floor: every document parsed and turned into objects, the least any check needs) then checking it. Ratios are medians of per-round ratios.`,
  ];
  if (existsSync(bundle)) {
    const floor: number[] = [];
    const load: number[] = [];
    const floorCpu: number[] = [];
    const loadCpu: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const bare = await timeCommand(process.execPath, ['-e', '0'], { peakRss: true });
      const loaded = await timeCommand(process.execPath, ['-e', `require(${JSON.stringify(bundle)})`], { peakRss: true });
      floor.push(bare.ms);
      load.push(loaded.ms);
      floorCpu.push(bare.cpuMs ?? Number.NaN);
      loadCpu.push(loaded.cpuMs ?? Number.NaN);
    }
    const extra = median(load.map((ms, i) => ms - (floor[i] as number)));
    rows.push(['authoring bundle load (first YAML request)', `+${formatMs(extra)} over the floor (${formatMs(median(load))} wall, ${formatMs(median(loadCpu))} CPU)`, `${formatMs(median(floor))} wall, ${formatMs(median(floorCpu))} CPU (\`node -e 0\`)`, formatRatio(pairedRatio(load, floor), 'times'), '', '']);
    notes.push(`Bundle load: a fresh Node process requiring extension/dist/lib/authoring-authoring-module.js against \`node -e 0\`, ${LOAD_RUNS} pairs; activation does not load it (see the extension bench).`);
  } else {
    notes.push('Bundle load skipped: extension/dist/lib/authoring-authoring-module.js is missing (run `npm run build`).');
  }
  process.stdout.write(renderTable({ title: 'authoring', columns: ['benchmark', 'ours', 'floor (same run)', 'ratio', 'target', 'result'], rows, notes }));
}

main().catch(reportFailure('[bench/authoring] failed: '));
