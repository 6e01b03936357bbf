import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isKubeApiError } from '../../../../../shared/errors/api-error.js';
import { Informer } from '../../../../../shared/kube/informer.js';
import { type KubeClient } from '../../../../../shared/kube/kube-client.js';
import { type Pod } from '../../../../../shared/kube/pod.js';
import { PODS } from '../../../../../shared/kube/resource-type.js';
import { criLogLine } from './cri-log-line.js';
import { KWOK_LOGS, type KwokLogs } from './kwok-logs-crd.js';
import { podLogPlan } from './pod-log-plan.js';

/**
 * Gives Pods that ask for it (`kueue.test/logs...` annotations) real container logs: writes each container's lines
 * to a file in the CRI log format and points kwok at the files with a Logs object owned by the Pod (so the garbage
 * collector removes it with the Pod). kwok then answers `pods/log` for them as a kubelet would, follow included.
 */
export class PodLogFeeder {
  private readonly informer: Informer<Pod>;
  private readonly timers = new Map<string, NodeJS.Timeout[]>();

  constructor(
    private readonly client: KubeClient,
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {
    this.informer = new Informer<Pod>(client, PODS, { namespace: undefined });
    this.informer.addListener({
      onEvent: (type, pod) => {
        if (type === 'added') void this.feed(pod).catch((err: unknown) => this.log(`pod ${key(pod)}: ${String(err)}`));
        if (type === 'deleted') this.forget(pod);
      },
      onSynced: (pods) => {
        for (const pod of pods) if (!this.timers.has(uid(pod))) void this.feed(pod).catch((err: unknown) => this.log(`pod ${key(pod)}: ${String(err)}`));
      },
      onError: (err) => this.log(`watch: ${err.message}`),
    });
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.synced;
  }

  stop(): void {
    this.informer.stop();
    for (const timers of this.timers.values()) timers.forEach(clearTimeout);
  }

  private async feed(pod: Pod): Promise<void> {
    const plan = podLogPlan(pod);
    if (plan === undefined || this.timers.has(uid(pod))) return;
    this.timers.set(uid(pod), []);
    const podDir = path.join(this.dir, uid(pod));
    mkdirSync(podDir, { recursive: true });
    const files = plan.containers.map(({ container, lines }) => {
      const file = path.join(podDir, `${container}.log`);
      writeFileSync(file, plan.intervalMs === 0 ? lines.map((line) => criLogLine(line)).join('') : '');
      return { container, file, lines };
    });
    await this.createLogs(pod, files);
    if (plan.intervalMs === 0) return;
    // Lines appear over time, after kwok knows the files: a follower sees them arrive.
    const timers = this.timers.get(uid(pod)) ?? [];
    // Each line is timed from the one before it was written, not from the start: a timer that fires late on a
    // loaded machine delays the lines after it instead of bunching them, so lines are always an interval apart.
    for (const { file, lines } of files) {
      const writeFrom = (index: number): void => {
        const line = lines[index];
        if (line === undefined) return;
        appendFileSync(file, criLogLine(line));
        timers.push(setTimeout(() => writeFrom(index + 1), plan.intervalMs));
      };
      timers.push(setTimeout(() => writeFrom(0), 0));
    }
  }

  private async createLogs(pod: Pod, files: { container: string; file: string }[]): Promise<void> {
    const body: KwokLogs = {
      apiVersion: `${KWOK_LOGS.group}/${KWOK_LOGS.version}`,
      kind: KWOK_LOGS.kind,
      metadata: {
        name: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? '',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: uid(pod) }],
      },
      spec: { logs: files.map(({ container, file }) => ({ containers: [container], logsFile: file, follow: true })) },
    };
    try {
      await this.client.create(KWOK_LOGS, pod.metadata.namespace, body);
    } catch (err) {
      // A namesake Pod deleted a moment ago: its Logs object may still be there, waiting for the garbage collector.
      if (!(isKubeApiError(err) && err.code === 409)) throw err;
      const existing = await this.client.get<KwokLogs>(KWOK_LOGS, pod.metadata.namespace, pod.metadata.name ?? '');
      await this.client.replace(KWOK_LOGS, pod.metadata.namespace, { ...body, metadata: { ...body.metadata, resourceVersion: existing.metadata.resourceVersion } });
    }
  }

  private forget(pod: Pod): void {
    const timers = this.timers.get(uid(pod));
    if (timers === undefined) return;
    timers.forEach(clearTimeout);
    this.timers.delete(uid(pod));
    rmSync(path.join(this.dir, uid(pod)), { recursive: true, force: true });
  }
}

function uid(pod: Pod): string {
  return pod.metadata.uid ?? '';
}

function key(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
