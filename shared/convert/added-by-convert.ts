import { type JsonObject } from './json-value.js';
import { isReservedMountPath } from './convertible-pod-spec.js';
import { BIN_VOLUME, STEPS_VOLUME } from './sequential-constants.js';

const RUN_VOLUME = /^tekton-internal-run-\d+$/;

function isAddedVolumeName(name: unknown): boolean {
  return name === BIN_VOLUME || name === STEPS_VOLUME || (typeof name === 'string' && RUN_VOLUME.test(name));
}

/** A volume convert appends (exact names: a converted object cannot have other `tekton-internal-*` volumes). */
export function isAddedVolume(volume: JsonObject): boolean {
  return isAddedVolumeName(volume['name']);
}

/** A mount convert appends to a step: one of our volumes, under `/tekton`. */
export function isAddedMount(mount: JsonObject): boolean {
  const mountPath = mount['mountPath'];
  return isAddedVolumeName(mount['name']) && typeof mountPath === 'string' && isReservedMountPath(mountPath);
}
