import { type TaskActionStatus } from '../task-action/index.js';

/** JSON with object keys sorted and undefined members dropped, so equal values give equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
    return sorted;
  });
}

/**
 * Whether writing `next` would change what is stored. Every status write wakes every watcher (and costs an etcd
 * revision), so a round that learned nothing new writes nothing. An absent field and an empty list count as the
 * same, as the API server drops neither but Go clients treat them alike.
 */
export function statusChanged(current: TaskActionStatus | undefined, next: TaskActionStatus): boolean {
  return canonical(normalize(current ?? {})) !== canonical(normalize(next));
}

function normalize(status: TaskActionStatus): TaskActionStatus {
  const copy: Record<string, unknown> = { ...status };
  for (const [key, value] of Object.entries(copy)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete copy[key];
  }
  return copy;
}
