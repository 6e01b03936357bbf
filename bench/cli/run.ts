// bench/cli: each command of the plugin started cold as a process against the local control plane holding 100
// TaskActions, against `kubectl get taskactions` of the same namespace in the same rounds, and shell completion
// (one TAB is one `__complete` process) against its 300 ms goal. Floors printed beside them: `node -e 0` (what
// any Node.js program pays to start) and a minimal Node.js https GET of the same list with the same credentials
// (the least a Node.js CLI that talks to the API server can do). Run alone with
// `node --import tsx bench/cli/run.ts`, or with every bench via `npm run bench`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { clusterOrSkip, kubectlOrSkip } from '../support/cluster-or-skip.js';
import { type TimedRun, timeCommand } from '../support/child-process-timing.js';
import { builtCli } from '../support/cli-build.js';
import { reportFailure } from '../support/failure-report.js';
import { loadAverage, machineDescription } from '../support/machine.js';
import { formatMs, formatRatio, median, pairedRatio } from '../support/stats.js';
import { renderTable, verdict } from '../support/table.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { benchRunActions, createRawObjects, prepareRawObjects } from '../queue/bench-run.js';
import { RawKubeClient } from '../queue/raw-kube-client.js';

const RUNS = 10;
const ACTIONS_PER_RUN = 10;
/** Rounds of every command in turn; odd, so the median is one round's. */
const ROUNDS = 11;
/** Goal: a command at most this many times `kubectl get taskactions`. */
const COMMAND_TARGET = 1.2;
/** Goal: one TAB (one `__complete` process) within this many milliseconds. */
const COMPLETION_TARGET_MS = 300;

const log = (line: string) => process.stderr.write(`[bench/cli] ${line}\n`);

/** The plain Node.js floor: one https GET of the namespace's TaskActions, parsed, names printed. */
const HTTPS_FLOOR = `
const https = require('node:https');
const [server, token, namespace] = process.argv.slice(2);
const url = new URL(server + '/apis/flyte.org/v1/namespaces/' + namespace + '/taskactions?limit=500');
https.get(url, { headers: { authorization: 'Bearer ' + token, accept: 'application/json' }, rejectUnauthorized: false }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (body += d));
  res.on('end', () => {
    if (res.statusCode !== 200) { process.stderr.write(body); process.exit(1); }
    process.stdout.write(JSON.parse(body).items.map((i) => i.metadata.name).join('\\n') + '\\n');
  });
}).on('error', (e) => { process.stderr.write(String(e)); process.exit(1); });
`;

interface Kubeconfig {
  clusters: { cluster: { server: string } }[];
  users: { user: { token?: string } }[];
}

interface Measured {
  label: string;
  command: string;
  args: string[];
  runs: TimedRun[];
}

async function main(): Promise<void> {
  const cli = builtCli();
  const title = 'cli';
  if (!kubectlOrSkip(title)) return;
  const cluster = await clusterOrSkip(title, log);
  if (cluster === undefined) return;
  const loadBefore = loadAverage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-bench-cli-'));
  try {
    const { namespace } = await cluster.freshNamespace('bench-cli');
    const actions: ActionDescription[] = [];
    for (let run = 0; run < RUNS; run++) actions.push(...benchRunActions(`r${run}`, ACTIONS_PER_RUN, ACTIONS_PER_RUN - 1));
    const raw = await RawKubeClient.connect(cluster.kubeconfig, 16);
    try {
      await createRawObjects(raw, namespace, prepareRawObjects(actions, namespace), 16);
    } finally {
      raw.close();
    }
    log(`created ${actions.length} TaskActions in ${RUNS} runs`);
    const config = parse(readFileSync(cluster.kubeconfig, 'utf8')) as Kubeconfig;
    const server = config.clusters[0]?.cluster.server ?? '';
    const token = config.users[0]?.user.token ?? '';
    const floorScript = path.join(dir, 'https-get.js');
    writeFileSync(floorScript, HTTPS_FLOOR);
    const conn = ['--kubeconfig', cluster.kubeconfig, '-n', namespace];
    const enqueueFile = path.join(dir, 'run.yaml');
    writeFileSync(
      enqueueFile,
      ['apiVersion: flyte.org/v1', 'kind: TaskAction', 'spec:', '  runName: dry', '  actionName: a0', '  taskTemplate:', '    container:', '      image: busybox:1.36', '      command: [echo, hi]', ''].join('\n'),
    );
    const kubectl: Measured = { label: '`kubectl get taskactions`', command: 'kubectl', args: ['get', 'taskactions', ...conn], runs: [] };
    const nodeFloor: Measured = { label: '`node -e 0`', command: process.execPath, args: ['-e', '0'], runs: [] };
    const httpsFloor: Measured = { label: 'Node.js https GET of the list', command: process.execPath, args: [floorScript, server, token, namespace], runs: [] };
    const run0 = 'r0';
    const commands: Measured[] = [
      { label: '`get`', command: process.execPath, args: [cli, 'get', ...conn], runs: [] },
      { label: '`tree r0`', command: process.execPath, args: [cli, 'tree', run0, ...conn], runs: [] },
      { label: '`list`', command: process.execPath, args: [cli, 'list', ...conn], runs: [] },
      { label: '`describe r0`', command: process.execPath, args: [cli, 'describe', run0, ...conn], runs: [] },
      { label: '`enqueue -f run.yaml --dry-run=server`', command: process.execPath, args: [cli, 'enqueue', '-f', enqueueFile, '--dry-run=server', ...conn], runs: [] },
    ];
    const completions: Measured[] = [
      { label: 'TAB: `get <TAB>`', command: process.execPath, args: [cli, '__complete', 'get', ...conn, ''], runs: [] },
      { label: 'TAB: `tree <TAB>`', command: process.execPath, args: [cli, '__complete', 'tree', ...conn, ''], runs: [] },
      { label: 'TAB: `enqueue --run r0 --parent <TAB>`', command: process.execPath, args: [cli, '__complete', 'enqueue', ...conn, '--run', run0, '--parent', ''], runs: [] },
    ];
    const all = [kubectl, nodeFloor, httpsFloor, ...commands, ...completions];
    // One untimed pass: every command works, and the disk cache holds every file.
    for (const m of all) await timeCommand(m.command, m.args);
    for (let round = 0; round < ROUNDS; round++) {
      // A different order each round, so no command always follows the same one.
      const order = all.map((m, i) => ({ m, key: (i * 7 + round * 3) % all.length })).sort((a, b) => a.key - b.key);
      for (const { m } of order) m.runs.push(await timeCommand(m.command, m.args, { peakRss: true }));
      log(`round ${round + 1}/${ROUNDS}: get ${formatMs(commands[0]?.runs.at(-1)?.ms ?? NaN)}, kubectl ${formatMs(kubectl.runs.at(-1)?.ms ?? NaN)}`);
    }
    const wall = (m: Measured) => m.runs.map((r) => r.ms);
    const cpu = (m: Measured) => m.runs.map((r) => r.cpuMs ?? Number.NaN);
    const rows: string[][] = [];
    for (const m of commands) {
      const ratio = pairedRatio(wall(m), wall(kubectl));
      rows.push([`${m.label} cold: wall`, formatMs(median(wall(m))), `${formatMs(median(wall(kubectl)))} (${kubectl.label})`, formatRatio(ratio, 'times'), `<= ${COMMAND_TARGET}x`, verdict(ratio, COMMAND_TARGET, 'at most')]);
      const cpuRatio = pairedRatio(cpu(m), cpu(kubectl));
      rows.push([`${m.label} cold: CPU`, formatMs(median(cpu(m))), formatMs(median(cpu(kubectl))), formatRatio(cpuRatio, 'times'), 'report only', 'n/a']);
    }
    for (const m of completions) {
      const ms = median(wall(m));
      rows.push([m.label, `${formatMs(ms)} wall, ${formatMs(median(cpu(m)))} CPU`, `${formatMs(median(wall(nodeFloor)))} (${nodeFloor.label})`, formatRatio(pairedRatio(wall(m), wall(nodeFloor)), 'times'), `<= ${COMPLETION_TARGET_MS} ms`, ms <= COMPLETION_TARGET_MS ? 'met' : 'MISSED']);
    }
    const floorRatio = pairedRatio(wall(httpsFloor), wall(kubectl));
    rows.push([`floor: ${httpsFloor.label}`, `${formatMs(median(wall(httpsFloor)))} wall, ${formatMs(median(cpu(httpsFloor)))} CPU`, `${formatMs(median(wall(kubectl)))} (${kubectl.label})`, formatRatio(floorRatio, 'times'), 'report only', 'n/a']);
    rows.push([`floor: ${nodeFloor.label}`, `${formatMs(median(wall(nodeFloor)))} wall, ${formatMs(median(cpu(nodeFloor)))} CPU`, `${formatMs(median(wall(kubectl)))} (${kubectl.label})`, formatRatio(pairedRatio(wall(nodeFloor), wall(kubectl)), 'times'), 'report only', 'n/a']);
    process.stdout.write(
      renderTable({
        title,
        columns: ['benchmark', 'ours', 'baseline (same run)', 'ratio', 'target', 'result'],
        rows,
        notes: [
          `machine: ${machineDescription()}; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end`,
          `cluster: ${cluster.description}; ${RUNS} runs of ${ACTIONS_PER_RUN} TaskActions in one namespace`,
          `every command a new process (cold: no warm cache of any kind), output piped and discarded, after one untimed pass; ${ROUNDS} rounds of all commands in a rotating order; ratio = median of the per-round ratios; CPU = user + system from GNU time`,
          'kubectl keeps a discovery cache in ~/.kube/cache (warm after its first run); ours needs no discovery',
          ...all.map((m) => `${m.label}: ${wall(m).map(formatMs).join(', ')}`),
        ],
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cluster.close();
  }
}

main().catch(reportFailure('[bench/cli] failed: '));
