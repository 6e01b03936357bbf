import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstUserError } from '../../helpers/catch-user-errors.js';
import { loadConnection } from '../../../shared/kube/load-connection.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-kubeconfig-'));

function kubeconfig(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

const first = kubeconfig(
  'first',
  `apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: shared
  cluster: {server: https://first.example:6443}
users:
- name: me
  user: {token: first-token}
contexts:
- name: alpha
  context: {cluster: shared, user: me, namespace: team-a}
`,
);
const second = kubeconfig(
  'second',
  `apiVersion: v1
kind: Config
current-context: beta
clusters:
- name: shared
  cluster: {server: https://second.example:6443}
- name: other
  cluster: {server: https://other.example:6443}
users:
- name: me
  user: {token: second-token}
contexts:
- name: beta
  context: {cluster: other, user: me}
`,
);


describe('loadConnection (kubectl rules)', () => {
  const env = { KUBECONFIG: `${first}${path.delimiter}${second}`, HOME: dir };

  it('merges $KUBECONFIG files so that the first file to set a value wins', () => {
    const c = loadConnection({}, env);
    expect(c.contextName).toBe('alpha');
    expect(c.server).toBe('https://first.example:6443');
    expect(c.namespace).toBe('team-a');
    expect(c.kubeConfig.getCurrentUser()?.token).toBe('first-token');
  });

  it('switches context with --context; a context without namespace means "default"', () => {
    const c = loadConnection({ context: 'beta' }, env);
    expect(c.server).toBe('https://other.example:6443');
    expect(c.namespace).toBe('default');
  });

  it('applies -n, --server, --token, --insecure-skip-tls-verify and impersonation', () => {
    const c = loadConnection({ namespace: 'x', server: 'https://override:1', token: 't', insecureSkipTlsVerify: true, as: 'alice', asGroup: ['devs'] }, env);
    expect(c.namespace).toBe('x');
    expect(c.server).toBe('https://override:1');
    expect(c.kubeConfig.getCurrentUser()?.token).toBe('t');
    expect(c.kubeConfig.getCurrentCluster()?.skipTLSVerify).toBe(true);
    expect(c.impersonate).toEqual({ user: 'alice', groups: ['devs'] });
  });

  it('prefers --kubeconfig over $KUBECONFIG', () => {
    expect(loadConnection({ kubeconfig: second }, env).contextName).toBe('beta');
  });

  it('names what is missing', () => {
    const ctx = firstUserError(() => loadConnection({ context: 'nope' }, env));
    expect(ctx.message).toBe('context "nope" not found in the kubeconfig');
    const file = firstUserError(() => loadConnection({ kubeconfig: path.join(dir, 'missing') }, env));
    expect(file.message).toMatch(/kubeconfig file ".*missing" does not exist/);
    const missing = path.join(dir, 'gone');
    const fromEnv = firstUserError(() => loadConnection({}, { KUBECONFIG: missing, HOME: path.join(dir, 'empty-home') }));
    expect(fromEnv.message).toBe(`KUBECONFIG names "${missing}", which does not exist`);
    expect(loadConnection({}, { ...env, KUBECONFIG: `${missing}${path.delimiter}${env['KUBECONFIG'] ?? ''}` }).contextName).toBe(loadConnection({}, env).contextName);
    const none = firstUserError(() => loadConnection({}, { HOME: path.join(dir, 'empty-home') }));
    expect(none.hint).toContain('npm run cluster:up');
    const timeout = firstUserError(() => loadConnection({ requestTimeout: 'soon' }, env));
    expect(timeout.message).toBe('invalid duration "soon" for --request-timeout');
  });

  it('reads --request-timeout like kubectl', () => {
    expect(loadConnection({ requestTimeout: '1m30s' }, env).requestTimeoutMs).toBe(90_000);
    expect(loadConnection({ requestTimeout: '5' }, env).requestTimeoutMs).toBe(5000);
    expect(loadConnection({ requestTimeout: '0' }, env).requestTimeoutMs).toBeUndefined();
  });
});
