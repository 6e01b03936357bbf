import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../../shared/errors/connection-error.js';
import { type KubeClient, type WatchHandle } from '../../../../shared/kube/kube-client.js';
import { type KubeList, type KubeObject, type WatchEvent } from '../../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../../shared/kube/poll-until.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { TaskActionWatch, type WatchState } from '../../../../extension/src/task-actions/task-action-watch.js';
import { connectionProblem } from '../../../../extension/src/cluster/connection-problem.js';
import { taskAction } from './task-action-fixtures.js';

/** A server that can be switched off: while down, every list and watch fails as an unreachable server does. */
class FlakyServer {
  down = false;
  failure: Error = new KubeConnectionError('https://127.0.0.1:6443', 'connect ECONNREFUSED 127.0.0.1:6443');
  items: TaskAction[] = [];
  lists = 0;
  private watchers: { emit: (e: WatchEvent<KubeObject>) => void; end: (err?: Error) => void }[] = [];

  emit(action: TaskAction): void {
    for (const w of this.watchers) w.emit({ type: 'MODIFIED', object: action });
  }

  /** Cuts every open watch, as a server going away does. */
  cut(): void {
    for (const w of this.watchers.splice(0)) w.end(this.failure);
  }

  client(): KubeClient {
    const unused = () => Promise.reject(new Error('unused'));
    return {
      namespace: 'flyte',
      list: <T extends KubeObject>(): Promise<KubeList<T>> => {
        this.lists++;
        if (this.down) return Promise.reject(this.failure);
        return Promise.resolve({ metadata: { resourceVersion: '10' }, items: this.items as unknown as T[] });
      },
      watch: <T extends KubeObject>(_t: unknown, _ns: unknown, _o: unknown, onEvent: (e: WatchEvent<T>) => void): WatchHandle => {
        let end!: (err?: Error) => void;
        const done = new Promise<void>((resolve, reject) => (end = (err) => (err ? reject(err) : resolve())));
        if (this.down) {
          end(this.failure);
          return { done, stop: () => {} };
        }
        const watcher = { emit: onEvent as (e: WatchEvent<KubeObject>) => void, end };
        this.watchers.push(watcher);
        return { done, stop: () => end() };
      },
      get: unused,
      create: unused,
      replace: unused,
      patch: unused,
      delete: unused,
      getRaw: unused,
      streamRaw: () => {
        throw new Error('unused');
      },
    };
  }
}

const until = (what: string, check: () => boolean) => pollUntil(() => Promise.resolve(check()), { timeoutMs: 3000, what: () => what });
const FAST = { probeMs: 20, backoffMs: { initial: 10, max: 40 } };

function states(watch: TaskActionWatch): string[] {
  const seen: string[] = [];
  watch.addListener({ onState: (s: WatchState) => seen.push(s.kind) });
  return seen;
}

describe('TaskActionWatch', () => {
  it('reports synced after the first list, and passes events on', async () => {
    const server = new FlakyServer();
    server.items = [taskAction('a0')];
    const watch = new TaskActionWatch(server.client(), 'flyte', FAST);
    const seen = states(watch);
    const events: string[] = [];
    watch.addListener({ onEvent: (type, a) => events.push(`${type} ${a.spec.actionName}`) });
    watch.start();
    await until('synced', () => watch.state.kind === 'synced');
    expect(watch.list().map((a) => a.spec.actionName)).toEqual(['a0']);
    server.emit({ ...taskAction('a0'), metadata: { ...taskAction('a0').metadata, resourceVersion: '11' } });
    expect(events).toEqual(['added a0', 'modified a0']);
    expect(seen).toEqual(['synced']);
    watch.stop();
  });

  it('says failing while the server is unreachable from the start, and synced as soon as it answers', async () => {
    const server = new FlakyServer();
    server.down = true;
    const watch = new TaskActionWatch(server.client(), 'flyte', FAST);
    const seen = states(watch);
    watch.start();
    await until('failing', () => watch.state.kind === 'failing');
    expect(watch.hasSynced).toBe(false);
    const state = watch.state;
    expect(state.kind === 'failing' ? connectionProblem(state.error).kind : '').toBe('unreachable');
    server.down = false;
    await until('synced again', () => watch.state.kind === 'synced');
    expect(seen).toEqual(['failing', 'synced']);
    watch.stop();
  });

  it('notices a cut watch and turns synced again without any event once the server answers', async () => {
    const server = new FlakyServer();
    server.items = [taskAction('a0')];
    const watch = new TaskActionWatch(server.client(), 'flyte', FAST);
    const seen = states(watch);
    watch.start();
    await until('synced', () => watch.state.kind === 'synced');
    server.down = true;
    server.cut();
    await until('failing', () => watch.state.kind === 'failing');
    // The last known TaskActions stay listed while the server is away.
    expect(watch.list()).toHaveLength(1);
    server.down = false;
    await until('synced after the outage', () => watch.state.kind === 'synced');
    expect(seen).toEqual(['synced', 'failing', 'synced']);
    watch.stop();
  });

  it('keeps failing (and says why) while the TaskAction CRD is missing', async () => {
    const server = new FlakyServer();
    server.down = true;
    server.failure = new KubeApiError(404, 'NotFound', 'the server could not find the requested resource');
    const watch = new TaskActionWatch(server.client(), 'flyte', FAST);
    watch.start();
    await until('failing', () => watch.state.kind === 'failing');
    const listsBefore = server.lists;
    await until('more attempts', () => server.lists > listsBefore + 2);
    const state = watch.state;
    expect(state.kind === 'failing' ? connectionProblem(state.error, { server: 'https://k8s:6443' }) : undefined).toEqual({
      kind: 'no-crd',
      message: 'the server https://k8s:6443 has no TaskAction resource (taskactions.flyte.org): the CRD is not installed',
    });
    watch.stop();
  });

  it('stops for good: no more requests and no more state changes', async () => {
    const server = new FlakyServer();
    server.down = true;
    const watch = new TaskActionWatch(server.client(), 'flyte', FAST);
    const seen = states(watch);
    watch.start();
    await until('failing', () => watch.state.kind === 'failing');
    watch.stop();
    const lists = server.lists;
    server.down = false;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.lists).toBe(lists);
    expect(seen).toEqual(['failing']);
  });
});
