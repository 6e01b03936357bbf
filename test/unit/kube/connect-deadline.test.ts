import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

/** A listener that accepts TCP connections and never says a word: no TLS handshake, no HTTP response. */
let silent: net.Server;
let sockets: net.Socket[] = [];
let server: string;

beforeAll(async () => {
  silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  server = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  sockets = [];
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('connecting to a server that never completes the TLS handshake', () => {
  it('fails with the server named and the limit as it was given, instead of hanging', async () => {
    const client = new HttpKubeClient(loadConnection({ server, insecureSkipTlsVerify: true, requestTimeout: '1s' }, {}));
    try {
      await expect(client.getRaw('/version')).rejects.toThrow(`Unable to connect to the server ${server}: no connection within 1s`);
    } finally {
      client.close();
    }
  });

  it('ends `get` with exit 1 and kubectl\'s wording', async () => {
    const result = await runCliInProcess(['get', '-s', server, '--insecure-skip-tls-verify', '--request-timeout=1s']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Unable to connect to the server ${server}: no connection within 1s`);
  });
});
