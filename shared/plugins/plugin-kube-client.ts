import { type KubeClient } from '../kube/index.js';

/**
 * The part of the Kubernetes client a plugin may use: read, create, patch and delete the objects it runs (Pods).
 * Listing and watching stay with the executor, which feeds plugins through reconciles. Failures are the client's
 * typed errors (`KubeApiError` with the Status reason, e.g. `AlreadyExists`, `NotFound`, `Forbidden`).
 */
export type PluginKubeClient = Pick<KubeClient, 'get' | 'create' | 'patch' | 'delete'>;
