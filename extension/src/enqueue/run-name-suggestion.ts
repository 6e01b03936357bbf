import { LIMITS } from '../../../shared/task-action/index.js';

/**
 * A run name to start from: the manifest's name with the time of day (`train-143005`), cut to the CRD's 30
 * characters and cleaned to what a run name may hold, so enqueueing the same manifest twice does not collide.
 */
export function suggestRunName(manifestName: string | undefined, now: Date): string {
  const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
  const base = (manifestName ?? 'run')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.runName - time.length - 1)
    .replace(/-+$/, '');
  return `${base === '' ? 'run' : base}-${time}`;
}
