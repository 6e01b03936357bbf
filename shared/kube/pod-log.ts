import { type KubeClient } from './kube-client.js';
import { PODS, resourcePath } from './resource-type.js';

export interface PodLogOptions {
  /** Required by the API server when the Pod has more than one container. */
  container?: string;
  /** Only the last lines; logs of long tasks can be far larger than an editor wants to hold. */
  tailLines?: number;
  /** The log of the container's previous run, after a restart. */
  previous?: boolean;
  timestamps?: boolean;
}

/** A container's log as text, from the Pod's `log` subresource (what `kubectl logs` reads). */
export function readPodLog(client: KubeClient, namespace: string, pod: string, options: PodLogOptions = {}): Promise<string> {
  return client.getRaw(resourcePath(PODS, namespace, pod, 'log'), {
    container: options.container,
    tailLines: options.tailLines,
    previous: options.previous === true ? true : undefined,
    timestamps: options.timestamps === true ? true : undefined,
  });
}
