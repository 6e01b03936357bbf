import { createHash } from 'node:crypto';

/**
 * Longest generated name: a DNS-1123 label, the strictest name Kubernetes gives an object, which also serves as a
 * container name and a host name.
 */
export const MAX_GENERATED_NAME_LENGTH = 63;

const HASH_LENGTH = 8;

/**
 * The name of what a plugin creates for one attempt of a TaskAction: `<taskaction>-a<attempt>`. It depends only on
 * the TaskAction's name and the attempt, so an executor that restarts (or a second one racing it) asks to create
 * the same object and gets AlreadyExists instead of starting a duplicate. Names that are too long, or that are not
 * DNS labels (CR names may contain dots), are shortened and made unique again with a hash of the full CR name.
 */
export function generatedName(taskActionName: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`attempt must be a whole number from 1, not ${attempt}`);
  const suffix = `-a${attempt}`;
  const label = taskActionName.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  if (label === taskActionName && label.length + suffix.length <= MAX_GENERATED_NAME_LENGTH) return `${label}${suffix}`;
  const hash = createHash('sha256').update(taskActionName).digest('hex').slice(0, HASH_LENGTH);
  const room = MAX_GENERATED_NAME_LENGTH - suffix.length - HASH_LENGTH - 1;
  const head = label.slice(0, room).replace(/^-+|-+$/g, '');
  return `${head === '' ? 'task' : head}-${hash}${suffix}`;
}
