import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConnectionError, KubeRequestTimeoutError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection, PODS } from '../../../shared/kube/index.js';

/**
 * An API server that hangs the way a partitioned or overloaded one does: `/hang` takes the request and never
 * answers, `/drip` answers one byte per 100 ms for ever, anything else answers at once. It records what reached it.
 */
let server: http.Server;
let url: string;
const received: string[] = [];
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(`${req.method ?? ''} ${req.url ?? ''}`);
    open.add(res);
    res.on('close', () => open.delete(res));
    if (req.url?.includes('/pods/hang') === true) return;
    if (req.url?.includes('/pods/drip') === true) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(req.url?.includes('/pods?') === true ? { items: [] } : { metadata: { name: 'ok' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(requestTimeout?: string): HttpKubeClient {
  return new HttpKubeClient(loadConnection({ server: url, namespace: 'ns', insecureSkipTlsVerify: true, ...(requestTimeout !== undefined ? { requestTimeout } : {}) }, {}));
}

describe('the request timeout', () => {
  it('ends a request the server never answers with an error of its own kind that names the request and the limit', async () => {
    const kube = client('300ms');
    try {
      const failure = await kube.get(PODS, 'ns', 'hang').catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(KubeRequestTimeoutError);
      expect(failure).toBeInstanceOf(KubeConnectionError);
      expect((failure as Error).message).toBe(`Unable to connect to the server ${url}: GET /api/v1/namespaces/ns/pods/hang got no answer within 300ms (--request-timeout)`);
    } finally {
      kube.close();
    }
  });

  it('bounds the whole answer, not the silence between bytes: a server that drips is cut off too', async () => {
    const kube = client('400ms');
    try {
      await expect(kube.get(PODS, 'ns', 'drip')).rejects.toBeInstanceOf(KubeRequestTimeoutError);
    } finally {
      kube.close();
    }
  });

  it('takes the caller\'s shorter limit for one request', async () => {
    const kube = client('1m');
    try {
      const failure = await kube.get(PODS, 'ns', 'hang', { timeoutMs: 200 }).catch((err: unknown) => err);
      expect((failure as KubeRequestTimeoutError).timeoutMs).toBe(200);
      await expect(kube.get(PODS, 'ns', 'ok', { timeoutMs: 5_000 })).resolves.toMatchObject({ metadata: { name: 'ok' } });
    } finally {
      kube.close();
    }
  });

  it('a cancelled request fails with the signal\'s reason, in flight or before it is sent', async () => {
    const kube = client();
    try {
      const controller = new AbortController();
      const inFlight = kube.get(PODS, 'ns', 'hang', { signal: controller.signal });
      const reason = new Error('leadership lost');
      setTimeout(() => controller.abort(reason), 100);
      await expect(inFlight).rejects.toBe(reason);
      const before = received.length;
      await expect(kube.delete(PODS, 'ns', 'ok', { signal: controller.signal })).rejects.toBe(reason);
      expect(received.slice(before)).toEqual([]);
    } finally {
      kube.close();
    }
  });

  it('a fence that refuses at the last moment keeps the request from ever reaching the server', async () => {
    const kube = client();
    try {
      const refusal = new Error('not the leader any more');
      const before = received.length;
      await expect(
        kube.create(PODS, 'ns', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fenced' } }, { beforeSend: () => { throw refusal; } }),
      ).rejects.toBe(refusal);
      await expect(kube.get(PODS, 'ns', 'ok', { beforeSend: () => undefined })).resolves.toMatchObject({ metadata: { name: 'ok' } });
      expect(received.slice(before)).toEqual(['GET /api/v1/namespaces/ns/pods/ok']);
    } finally {
      kube.close();
    }
  });

  it('list options that bound the request never reach the query string', async () => {
    const kube = client();
    try {
      const before = received.length;
      await kube.list(PODS, 'ns', { labelSelector: 'a=b', timeoutMs: 5_000, signal: new AbortController().signal });
      expect(received.slice(before)).toEqual(['GET /api/v1/namespaces/ns/pods?labelSelector=a%3Db']);
    } finally {
      kube.close();
    }
  });
});
