/**
 * The names, paths and image the original kueueleuleu tool (v0.1.0) writes into a converted object. They
 * must stay byte-identical: converted objects from either tool have to be recognised (and reverted) by the
 * other, and `status` must work on Pods created by either.
 */

/** Marks a converted object on every metadata level; `GetRunningContainerName` requires exactly "true". */
export const SEQUENTIAL_ANNOTATION = 'norbjd.github.io/kueueleuleu';
export const SEQUENTIAL_ANNOTATION_VALUE = 'true';

export const PREPARE_CONTAINER_NAME = 'kueueleuleu-prepare';

/** The Tekton entrypoint the original tool pins; overridable for air-gapped registry mirrors. */
export const DEFAULT_ENTRYPOINT_IMAGE =
  'gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint@sha256:40abc3a78b558f251e890085972ed25fe7ad428f47998bc9c9c18f564dc03c32';

export const PREPARE_COMMAND = ['/ko-app/entrypoint', 'init', '/ko-app/entrypoint', '/tekton/bin/entrypoint'];
export const STEP_ENTRYPOINT = '/tekton/bin/entrypoint';

export const BIN_VOLUME = 'tekton-internal-bin';
export const STEPS_VOLUME = 'tekton-internal-steps';
export const BIN_MOUNT_PATH = '/tekton/bin';
export const STEPS_MOUNT_PATH = '/tekton/steps';

/** Every name and path convert adds lives under these; user volumes or mounts there would clash. */
export const RESERVED_VOLUME_PREFIX = 'tekton-internal-';
export const RESERVED_MOUNT_ROOT = '/tekton';

export function runVolumeName(step: number): string {
  return `tekton-internal-run-${step}`;
}

export function runDirectory(step: number): string {
  return `/tekton/run/${step}`;
}

/**
 * Where step i's entrypoint writes its termination message. The entrypoint's default, `/tekton/termination`,
 * is on the image's root filesystem, which `readOnlyRootFilesystem: true` makes unwritable (the step would
 * run its command and then exit 1); the step's own run directory is an emptyDir it may write.
 */
export function terminationPath(step: number): string {
  return `${runDirectory(step)}/termination`;
}
