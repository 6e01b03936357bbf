import { type FieldPath } from './field-path.js';
import { type JsonObject, isPlainObject } from './json-value.js';
import { containerName, readObjectList, readStringList } from './pod-spec-shape.js';
import { type ProblemCollector } from './problems.js';
import {
  PREPARE_CONTAINER_NAME,
  RESERVED_MOUNT_ROOT,
  RESERVED_VOLUME_PREFIX,
} from './sequential-constants.js';
import { checkUniqueContainerNames } from './step-limit.js';

export interface ConvertibleContainer {
  container: JsonObject;
  name: string;
  command: string[];
  /** As found: absent, null or a list (the record keeps the difference so revert is exact). */
  args: string[] | null | undefined;
  volumeMounts: JsonObject[];
}

/** A regular container convert turns into a native sidecar instead of a step. */
export interface SidecarContainer {
  container: JsonObject;
  name: string;
  /** Its index in the original `containers` list. */
  index: number;
}

export interface ConvertiblePodSpec {
  spec: JsonObject;
  /** The steps, in order. */
  containers: ConvertibleContainer[];
  sidecars: SidecarContainer[];
  initContainers: JsonObject[];
  volumes: JsonObject[];
}

const RETRY_HINT = 'if this object was converted already, revert it first (kubectl kueue revert)';

/** `/tekton`, `/tekton/`, `//tekton/x` and `/tekton/x/..` all land where convert mounts its volumes. */
export function isReservedMountPath(mountPath: string): boolean {
  const segments = mountPath.split('/').filter((s) => s !== '' && s !== '.');
  return segments[0] === RESERVED_MOUNT_ROOT.slice(1);
}

/**
 * Checks everything convert relies on and reports every problem at once: each container needs a command
 * (the Tekton entrypoint runs `command[0]` itself and cannot look up an image's ENTRYPOINT without a
 * registry), and nothing may already use the names and paths convert adds.
 */
export function readConvertiblePodSpec(
  value: unknown,
  specPath: FieldPath,
  problems: ProblemCollector,
  sidecarNames: ReadonlySet<string> = new Set(),
): ConvertiblePodSpec | undefined {
  if (!isPlainObject(value)) {
    problems.add(value === undefined ? 'the pod spec is missing' : 'the pod spec must be a mapping', specPath);
    return undefined;
  }
  const spec = value;
  const before = problems.count;
  const rawContainers = readObjectList(spec, 'containers', specPath, problems);
  const initContainers = readObjectList(spec, 'initContainers', specPath, problems);
  const volumes = readObjectList(spec, 'volumes', specPath, problems);

  const withoutCommand: { name: string; path: FieldPath }[] = [];
  const containers: ConvertibleContainer[] = [];
  const sidecars: SidecarContainer[] = [];
  rawContainers.forEach((container, index) => {
    const path = [...specPath, 'containers', index];
    const name = containerName(container, index);
    if (sidecarNames.has(name)) {
      // A sidecar keeps its command (or its image's entrypoint): only its restartPolicy changes.
      if (Object.hasOwn(container, 'restartPolicy')) {
        problems.add(
          `container "${name}" already has a restartPolicy, so it cannot be made a native sidecar`,
          [...path, 'restartPolicy'],
          'remove its restartPolicy, or do not name it as a sidecar',
        );
      }
      sidecars.push({ container, name, index });
      return;
    }
    const rawCommand = container['command'];
    let command: string[] | undefined;
    if (rawCommand === undefined || rawCommand === null || (Array.isArray(rawCommand) && rawCommand.length === 0)) {
      withoutCommand.push({ name, path });
    } else {
      command = readStringList(rawCommand, [...path, 'command'], problems);
    }
    const rawArgs = container['args'];
    const args = rawArgs === undefined || rawArgs === null ? rawArgs : readStringList(rawArgs, [...path, 'args'], problems);
    const volumeMounts = readObjectList(container, 'volumeMounts', path, problems);
    volumeMounts.forEach((mount, m) => {
      const mountPath = mount['mountPath'];
      if (typeof mountPath === 'string' && isReservedMountPath(mountPath)) {
        problems.add(
          `container "${name}" mounts ${JSON.stringify(mountPath)}, but ${RESERVED_MOUNT_ROOT} is where the sequential entrypoint mounts its own volumes`,
          [...path, 'volumeMounts', m, 'mountPath'],
          `mount it somewhere else; ${RETRY_HINT}`,
        );
      }
    });
    const terminationMessagePath = container['terminationMessagePath'];
    if (typeof terminationMessagePath === 'string' && isReservedMountPath(terminationMessagePath)) {
      problems.add(
        `container "${name}" has terminationMessagePath ${JSON.stringify(terminationMessagePath)}, but ${RESERVED_MOUNT_ROOT} is where the sequential entrypoint mounts its own volumes`,
        [...path, 'terminationMessagePath'],
        `use another path (the default is /dev/termination-log); ${RETRY_HINT}`,
      );
    }
    if (name === PREPARE_CONTAINER_NAME) {
      problems.add(
        `a container is named "${PREPARE_CONTAINER_NAME}", the name of the init container convert adds`,
        [...path, 'name'],
        `rename it; ${RETRY_HINT}`,
      );
    }
    if (command !== undefined) containers.push({ container, name, command, args, volumeMounts });
  });

  checkUniqueContainerNames(rawContainers.map(containerName), [...specPath, 'containers'], problems);
  if (withoutCommand.length > 0) reportMissingCommands(withoutCommand, problems);
  if (rawContainers.length > 0 && sidecars.length === rawContainers.length) {
    problems.add(
      'every container is named as a sidecar: there is no step left to run',
      [...specPath, 'containers'],
      'name only the containers that must run beside the steps (a proxy, a log shipper)',
    );
  }

  initContainers.forEach((init, index) => {
    if (init['name'] === PREPARE_CONTAINER_NAME) {
      problems.add(
        `an init container is already named "${PREPARE_CONTAINER_NAME}", the name of the init container convert adds`,
        [...specPath, 'initContainers', index, 'name'],
        `rename it; ${RETRY_HINT}`,
      );
    }
  });
  volumes.forEach((volume, index) => {
    const name = volume['name'];
    if (typeof name === 'string' && name.startsWith(RESERVED_VOLUME_PREFIX)) {
      problems.add(
        `volume "${name}" uses the prefix "${RESERVED_VOLUME_PREFIX}" of the volumes convert adds`,
        [...specPath, 'volumes', index, 'name'],
        `rename the volume (and its volumeMounts); ${RETRY_HINT}`,
      );
    }
  });

  if (problems.count > before) return undefined;
  return { spec, containers, sidecars, initContainers, volumes };
}

function reportMissingCommands(missing: { name: string; path: FieldPath }[], problems: ProblemCollector): void {
  const first = missing[0];
  if (first === undefined) return;
  const names = missing.map((m) => `"${m.name}"`);
  const subject =
    missing.length === 1
      ? `container ${names[0]} has no command`
      : `containers ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} have no command`;
  problems.add(
    `${subject}: the sequential entrypoint must be told what to run, and an image's entrypoint cannot be guessed offline`,
    [...first.path, 'command'],
    `add "command:" (and "args:" if needed) to ${missing.length === 1 ? 'it' : 'each of them'} with what the image runs, ` +
      `e.g. from: docker image inspect --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' IMAGE`,
  );
}
