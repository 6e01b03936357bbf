import { type FieldPath } from './field-path.js';
import { type ProblemCollector } from './problems.js';

/**
 * Most steps a Pod may have to be converted with full mounts. Every step then mounts the run directory of every
 * step (the Tekton entrypoint's layout), so the converted Pod grows with the square of its steps: 300 steps make
 * 90,000 volume mounts, about 8 MB of YAML, already over the API server's 3 MiB request limit (convert warns
 * about that); 999 steps would make about 100 MB and take gigabytes of memory to print. `--compact` mounts grow
 * linearly and have no such limit.
 */
export const MAX_FULL_MOUNT_STEPS = 300;

/** Refuses more steps than full mounts can ever hold, pointing to `--compact`. */
export function checkStepCount(steps: number, compact: boolean, containersPath: FieldPath, problems: ProblemCollector): void {
  if (compact || steps <= MAX_FULL_MOUNT_STEPS) return;
  problems.add(
    `the Pod has ${steps} steps, more than the ${MAX_FULL_MOUNT_STEPS} convert handles with full mounts: every step would mount the run directory of every step, ${steps * steps} volume mounts, far beyond what the API server accepts in one object`,
    containersPath,
    'convert with --compact (or annotation kueue.dev/compact: "true"), whose mounts grow with the steps, or split the steps over several Pods',
  );
}

/**
 * Refuses a container name used twice (Kubernetes requires unique names, and the steps would be ambiguous), at
 * the second use; reports only the first such name, so a list of 999 copies gives one error, not 998.
 */
export function checkUniqueContainerNames(names: readonly string[], containersPath: FieldPath, problems: ProblemCollector): void {
  const firstIndex = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, index);
      continue;
    }
    const copies = names.filter((n) => n === name).length;
    problems.add(
      `container name "${name}" is used ${copies} times (first by containers[${first}]): each container of a Pod needs its own name`,
      [...containersPath, index, 'name'],
      'give every container a name of its own (an alias of another container copies its name too)',
    );
    return;
  }
}
