import { expect } from 'vitest';
import { formatApiError, isKubeApiError } from '../../../shared/errors/api-error.js';
import { HttpKubeClient } from '../../../shared/kube/http-kube-client.js';
import { type KubeClient } from '../../../shared/kube/kube-client.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { loadConnection } from '../../../shared/kube/load-connection.js';
import { pollUntil } from '../../../shared/kube/poll-until.js';
import { ROLE_BINDINGS, type ResourceType, SUBJECT_ACCESS_REVIEWS } from '../../../shared/kube/resource-type.js';

/** A client that acts as `user` through impersonation (`--as`); the admin identity may impersonate anyone. */
export function clientAs(kubeconfig: string, namespace: string, user: string): HttpKubeClient {
  return new HttpKubeClient(loadConnection({ kubeconfig, namespace, as: user }, {}));
}

/** A client that authenticates with a bearer token (`--token`) instead of the kubeconfig's user. */
export function clientWithToken(kubeconfig: string, namespace: string, token: string): HttpKubeClient {
  return new HttpKubeClient(loadConnection({ kubeconfig, namespace, token }, {}));
}

interface TokenRequest extends KubeObject {
  status?: { token: string; expirationTimestamp: string };
}

/**
 * A real, signed service-account token from the TokenRequest API (what the kubelet mounts into Pods). The
 * subresource is a POST to serviceaccounts/NAME/token: a create on a "collection" as far as resource paths go.
 */
export async function serviceAccountToken(client: KubeClient, namespace: string, serviceAccount: string): Promise<string> {
  const tokenRequests: ResourceType = { group: '', version: 'v1', kind: 'TokenRequest', plural: `serviceaccounts/${serviceAccount}/token`, namespaced: true };
  const answer = await client.create<TokenRequest>(tokenRequests, namespace, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: {},
    spec: { expirationSeconds: 600 },
  } as KubeObject);
  if (!answer.status?.token) throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);
  return answer.status.token;
}

export type Subject = { kind: 'User'; name: string } | { kind: 'ServiceAccount'; name: string; namespace: string };

/** Grants a ClusterRole in one namespace only, which is how the kueue-* roles are meant to be used. */
export async function bindClusterRole(client: KubeClient, namespace: string, bindingName: string, clusterRole: string, subject: Subject): Promise<void> {
  await client.create(ROLE_BINDINGS, namespace, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: bindingName, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: [subject.kind === 'User' ? { apiGroup: 'rbac.authorization.k8s.io', ...subject } : subject],
  } as KubeObject);
}

export interface AccessQuestion {
  namespace?: string;
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
}

interface SubjectAccessReview extends KubeObject {
  status?: { allowed: boolean; reason?: string };
}

/** Asks the API server's own authorizer (SubjectAccessReview) whether `user` may do something. */
export async function isAllowed(admin: KubeClient, user: string, groups: string[], question: AccessQuestion): Promise<boolean> {
  const review = await admin.create<SubjectAccessReview>(SUBJECT_ACCESS_REVIEWS, undefined, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    metadata: {},
    spec: { user, groups, resourceAttributes: question },
  } as KubeObject);
  return review.status?.allowed === true;
}

/**
 * RBAC bindings reach the authorizer through an informer, a moment after they are stored: wait until `user`
 * may do `question`, so that later "forbidden" assertions are about the role, not about propagation.
 */
export async function waitUntilAllowed(admin: KubeClient, user: string, groups: string[], question: AccessQuestion): Promise<void> {
  await pollUntil(() => isAllowed(admin, user, groups, question), {
    timeoutMs: 15_000,
    what: () => `${user} to be allowed to ${question.verb} ${question.resource} in ${question.namespace ?? 'the cluster'}`,
  });
}

/**
 * Runs `attempt` and checks that the API server refused it with 403, and that the message the CLI would print
 * names the verb, the resource and the namespace.
 */
export async function expectForbidden(
  attempt: Promise<unknown>,
  expected: { user: string; verb: string; resource: string; group: string; namespace: string },
): Promise<string> {
  let caught: unknown;
  try {
    await attempt;
  } catch (err) {
    caught = err;
  }
  if (!isKubeApiError(caught)) throw new Error(`expected a 403 from the API server, got ${caught === undefined ? 'success' : caught instanceof Error ? caught.message : JSON.stringify(caught)}`);
  expect(caught.code).toBe(403);
  expect(caught.reason).toBe('Forbidden');
  const message = formatApiError(caught);
  expect(message).toMatch(/^Error from server \(Forbidden\): /);
  expect(message).toContain(
    `User "${expected.user}" cannot ${expected.verb} resource "${expected.resource}" in API group "${expected.group}" in the namespace "${expected.namespace}"`,
  );
  return message;
}

/** For a grant that passes authorization but that this control plane cannot complete (no kubelet for logs). */
export async function expectNotForbidden(attempt: Promise<unknown>): Promise<void> {
  try {
    await attempt;
  } catch (err) {
    if (isKubeApiError(err) && err.code === 403) throw new Error(`expected to be allowed, got ${formatApiError(err)}`);
    if (!isKubeApiError(err)) throw err;
  }
}
