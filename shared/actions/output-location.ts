const SHARD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32-bit FNV-1a over the UTF-8 bytes, as Go's `hash/fnv` New32a. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Flyte's two-character output shard of a TaskAction: FNV-1a-32 of `<namespace>/<name>` mod 36², as `a..z0..9`. */
export function outputShard(namespace: string, taskActionName: string): string {
  const index = fnv1a32(`${namespace}/${taskActionName}`) % (SHARD_CHARS.length * SHARD_CHARS.length);
  return `${SHARD_CHARS[Math.floor(index / SHARD_CHARS.length)] ?? ''}${SHARD_CHARS[index % SHARD_CHARS.length] ?? ''}`;
}

/**
 * Where Flyte's current executor writes an attempt's outputs: `<scheme>://<host>/<shard>/<runOutputBase path>/
 * <action>/<attempt>`, what ActionsService reports as `output_uri` (the SDK reads `<output_uri>/outputs.pb`).
 * A base that does not parse as a URL is used as the path of a relative location.
 */
export function headOutputPrefix(runOutputBase: string, namespace: string, taskActionName: string, actionName: string, attempt: number): string {
  const shard = outputShard(namespace, taskActionName);
  let head = '';
  let path = runOutputBase;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(runOutputBase);
  if (match !== null) {
    head = `${match[1] ?? ''}://${match[2] ?? ''}`;
    path = match[3] ?? '';
  }
  const segments = [shard, ...path.split('/').filter((part) => part !== ''), actionName, String(attempt)];
  return `${head}/${segments.join('/')}`;
}
