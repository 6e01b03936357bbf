import { stringify } from 'yaml';

/**
 * Deterministic inputs for the convert bench: the same bytes on every machine and every run, so throughput
 * numbers compare. Everything stays inside what the original tool accepts (known kinds, a command on every
 * container, no trailing `---`), so both tools convert the very same file.
 */

/** mulberry32: tiny, seedable, good enough to vary shapes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

function container(name: string, index: number, next: () => number): Json {
  const c: Json = {
    name,
    image: `registry.example.com/team/step-${index % 7}:1.${Math.floor(next() * 20)}`,
    command: ['sh', '-c'],
    args: [`echo step ${index} && sleep ${Math.floor(next() * 5)}`],
    env: [
      { name: 'STEP', value: String(index) },
      { name: 'LOG_LEVEL', value: next() < 0.5 ? 'info' : 'debug' },
    ],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  };
  if (next() < 0.3) c['volumeMounts'] = [{ name: 'work', mountPath: '/work' }];
  return c;
}

function podSpec(containers: number, next: () => number, restartPolicy: string): Json {
  return {
    restartPolicy,
    containers: Array.from({ length: containers }, (_, i) => container(`step-${i}`, i, next)),
    volumes: [{ name: 'work', emptyDir: {} }],
  };
}

function metadata(name: string, next: () => number): Json {
  return { name, namespace: 'batch', labels: { app: 'bench', tier: next() < 0.5 ? 'a' : 'b' } };
}

/** One workload document: a Pod, Job or CronJob with 2 to 8 containers. */
function workload(index: number, next: () => number): Json {
  const containers = 2 + Math.floor(next() * 7);
  const kind = index % 3;
  const name = `workload-${index}`;
  if (kind === 0) return { apiVersion: 'v1', kind: 'Pod', metadata: metadata(name, next), spec: podSpec(containers, next, 'Never') };
  const job = { backoffLimit: 2, template: { metadata: { labels: { app: 'bench' } }, spec: podSpec(containers, next, 'OnFailure') } };
  if (kind === 1) return { apiVersion: 'batch/v1', kind: 'Job', metadata: metadata(name, next), spec: job };
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata(name, next),
    spec: { schedule: `${index % 60} * * * *`, jobTemplate: { metadata: { labels: { app: 'bench' } }, spec: job } },
  };
}

/** `documents` mixed Pods/Jobs/CronJobs as one multi-document YAML stream; every tenth carries a comment. */
export function mixedManifest(documents: number, seed = 42): string {
  const next = random(seed);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) {
    const comment = i % 10 === 0 ? `# workload ${i}: generated for the convert bench\n` : '';
    parts.push(comment + stringify(workload(i, next)));
  }
  return parts.join('---\n');
}

/** One Pod with `containers` containers: conversion is quadratic in it (every container mounts every run volume). */
export function widePodManifest(containers: number, seed = 7): string {
  const next = random(seed);
  return stringify({ apiVersion: 'v1', kind: 'Pod', metadata: metadata('wide', next), spec: podSpec(containers, next, 'Never') });
}

/** A Pod of at least `lines` lines: a manifest of the size one edits by hand, for the editor's code action. */
export function podOfLines(lines: number, seed = 11): string {
  for (let containers = 1; ; containers++) {
    const text = widePodManifest(containers, seed);
    if (text.split('\n').length > lines) return text;
  }
}
