import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConnectDeadline } from '../../../shared/kube/connect-deadline.js';
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

describe('a request that waited for a free connection', () => {
  // A TLS server that answers /slow after 3 s and anything else at once.
  let tls: https.Server;
  let port: number;
  beforeAll(async () => {
    const fixtures = path.resolve('test/fixtures/tls');
    tls = https.createServer({ key: readFileSync(path.join(fixtures, 'localhost.key')), cert: readFileSync(path.join(fixtures, 'localhost.crt')) }, (req, res) => {
      setTimeout(() => res.end('ok'), req.url === '/slow' ? 3000 : 0);
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    port = (tls.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
  });

  /**
   * One GET through `agent` with a 1.5 s connect deadline (room for a handshake on a loaded machine, less than
   * /slow takes): its status and body, or its error.
   */
  function get(agent: https.Agent, url: string): Promise<string> {
    return new Promise((resolve) => {
      const req = https.get({ host: '127.0.0.1', port, path: url, agent, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(`${res.statusCode ?? 0} ${body}`));
        res.on('error', (err) => resolve(err.message));
      });
      applyConnectDeadline(req, 1500, true, () => new Error('no connection within 1.5s'));
      req.on('error', (err) => resolve(err.message));
    });
  }

  it('is not timed out as a new connection: the socket it was handed is up already', async () => {
    // One socket: the second request waits in the agent's queue and gets the first one's socket when it is free,
    // which Node does not flag as reused.
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers = await Promise.all([get(agent, '/fast'), get(agent, '/slow'), get(agent, '/fast')]);
      expect(answers).toEqual(['200 ok', '200 ok', '200 ok']);
      // And the socket carries no listener per request that waited for it.
      const sockets = Object.values(agent.freeSockets).flat();
      expect(sockets).toHaveLength(1);
      expect(sockets[0]?.listenerCount('secureConnect')).toBe(0);
    } finally {
      agent.destroy();
    }
  });
});
