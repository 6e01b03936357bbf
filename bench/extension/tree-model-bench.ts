import { performance } from 'node:perf_hooks';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { retainedHeap } from './heap.js';
import { HeadlessTree } from './headless-tree.js';
import { type BenchPhase, patchPhase } from './status-patch.js';

export interface TreeModelResult {
  /** From the first list request until all TaskActions are rows. */
  initialLoadMs: number;
  /** Status patch sent -> the row shows the new phase, per sample. */
  updateMs: number[];
  /** Retained heap before watching, with the tree, and after each slice of the event flood. */
  heapBefore: number;
  heapWithTree: number;
  flood: { events: number; heap: number }[];
  rows: number;
  repaintsDuringFlood: number;
  floodMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(20);
}

/** `count` status patches over the actions in turn, alternating Running and Succeeded, 32 in flight. */
async function patchRoundRobin(client: KubeClient, namespace: string, actions: readonly TaskAction[], count: number, label: string): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      const n = sent++;
      const action = actions[n % actions.length] as TaskAction;
      await patchPhase(client, namespace, action.metadata.name ?? '', n % 2 === 0 ? 'Running' : 'Succeeded', `${label} ${n}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

/**
 * The tree model against the real control plane: how long the first load takes, how fast a status change reaches
 * the row (p50 over `samples`), what the tree costs in heap, and whether the heap grows over `floodEvents` watch
 * events (statuses rewritten round robin, 32 requests in flight).
 */
export async function benchTreeModel(
  client: KubeClient,
  namespace: string,
  expected: number,
  options: { samples: number; floodEvents: number; log: (line: string) => void },
): Promise<TreeModelResult> {
  const heapBefore = retainedHeap();
  const tree = new HeadlessTree(client, namespace);
  const started = performance.now();
  await tree.start(expected);
  const initialLoadMs = performance.now() - started;
  const heapWithTree = retainedHeap();
  const actions: TaskAction[] = [...tree.forest.all()].map((n) => n.action);
  options.log(`tree of ${tree.forest.size} rows in ${initialLoadMs.toFixed(0)} ms`);

  const updateMs: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const action = actions[(i * 97) % actions.length] as TaskAction;
    const uid = action.metadata.uid ?? '';
    const phase: BenchPhase = i % 2 === 0 ? 'Running' : 'Succeeded';
    const t0 = performance.now();
    const shown = new Promise<number>((resolve) => {
      tree.onRepaint = (views) => {
        if (views.get(uid)?.description.startsWith(phase) === true) resolve(performance.now());
      };
    });
    await patchPhase(client, namespace, action.metadata.name ?? '', phase, `sample ${i}`);
    updateMs.push((await shown) - t0);
    tree.onRepaint = undefined;
    // Spread the samples over the repaint interval's phases.
    await sleep(150 + ((i * 37) % 200));
  }
  options.log(`${updateMs.length} update samples`);

  // Every object first gets a full-size status (most had none): the flood then measures what the tree keeps,
  // not TaskActions growing from no status to one.
  await patchRoundRobin(client, namespace, actions, actions.length, 'warm-up');
  await until(() => tree.watch.list().every((a) => (a.status?.conditions?.length ?? 0) > 0));
  options.log('every TaskAction has a status');

  const flood: { events: number; heap: number }[] = [{ events: 0, heap: retainedHeap() }];
  const eventsAtStart = tree.events;
  const repaintsAtStart = tree.repaints;
  const floodStarted = performance.now();
  const slice = options.floodEvents / 5;
  const sampling = (async () => {
    for (let k = 1; k <= 5; k++) {
      await until(() => tree.events - eventsAtStart >= slice * k);
      flood.push({ events: tree.events - eventsAtStart, heap: retainedHeap() });
      options.log(`${tree.events - eventsAtStart} watch events`);
    }
  })();
  await patchRoundRobin(client, namespace, actions, options.floodEvents, 'flood');
  await sampling;
  const floodMs = performance.now() - floodStarted;
  const rows = tree.forest.size;
  const repaintsDuringFlood = tree.repaints - repaintsAtStart;
  tree.stop();
  return { initialLoadMs, updateMs, heapBefore, heapWithTree, flood, rows, repaintsDuringFlood, floodMs };
}
