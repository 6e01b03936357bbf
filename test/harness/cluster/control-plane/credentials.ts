import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Credentials {
  adminToken: string;
  tokenFile: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

/**
 * The admin identity (a static token in group system:masters) and the service-account signing key pair.
 * The API server generates its own self-signed serving certificate, so no certificate authority is needed.
 */
export function writeCredentials(dir: string): Credentials {
  const adminToken = randomBytes(24).toString('hex');
  const tokenFile = path.join(dir, 'tokens.csv');
  writeFileSync(tokenFile, `${adminToken},kueue-admin,kueue-admin,"system:masters"\n`, { mode: 0o600 });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKey = path.join(dir, 'sa.key');
  const serviceAccountPub = path.join(dir, 'sa.pub');
  writeFileSync(serviceAccountKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(serviceAccountPub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { adminToken, tokenFile, serviceAccountKey, serviceAccountPub };
}

/** A kubeconfig for the admin token against the local API server (serving cert is self-signed). */
export function writeKubeconfig(file: string, server: string, token: string, namespace = 'default'): void {
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kueue-local',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: kueue-admin',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: kueue-local',
    '  context:',
    '    cluster: kueue-local',
    '    user: kueue-admin',
    `    namespace: ${namespace}`,
    'current-context: kueue-local',
    '',
  ].join('\n');
  writeFileSync(file, yaml, { mode: 0o600 });
}
