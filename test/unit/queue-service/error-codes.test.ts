import http2 from 'node:http2';
import { Code } from '@connectrpc/connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../shared/errors/api-error.js';
import { toConnectError } from '../../../shared/queue/service/connect-error.js';
import { type QueueServiceServer, startQueueServiceServer } from '../../../shared/queue/service/queue-service-server.js';
import { http1Request } from './raw-http.js';
import { ScriptedKubeClient } from './scripted-kube-client.js';

const ENQUEUE = '/flyteidl2.workflow.QueueService/EnqueueAction';
/** A length-delimited field (1) whose length runs past the end, then a tag with wire type 7: no valid message. */
const MALFORMED = [Buffer.from([0x0a, 0x7f, 0x01]), Buffer.from([0xf8, 0xa7]), Buffer.from([0x37, 0x08, 0x00, 0xf8])];

function envelope(message: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** A gRPC call over cleartext HTTP/2; the status is in the trailers (or the headers of a trailers-only answer). */
function grpcCall(url: string, body: Buffer): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': ENQUEUE, 'content-type': 'application/grpc', te: 'trailers' });
    let status: string | undefined;
    stream.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
    });
    stream.on('trailers', (trailers: http2.IncomingHttpHeaders) => {
      status = String(trailers['grpc-status']);
    });
    stream.on('data', () => {});
    stream.on('end', () => {
      session.close();
      resolve(status);
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

describe("serve's error codes", () => {
  let server: QueueServiceServer;
  beforeAll(async () => {
    const refuse = () => Promise.reject(new Error('not reached: the request is refused first'));
    server = await startQueueServiceServer({ client: new ScriptedKubeClient({ create: refuse, get: refuse, list: refuse }), namespace: 'flyte', port: 0, log: () => {} });
  });
  afterAll(() => server.close({ force: true }));

  it.each(MALFORMED.map((bytes) => [bytes.toString('hex'), bytes] as const))('malformed protobuf %s is invalid_argument in every protocol', async (_hex, bytes) => {
    const connect = await http1Request(server.url, { method: 'POST', path: ENQUEUE, headers: { 'content-type': 'application/proto' }, body: bytes });
    expect(connect.status).toBe(400);
    expect(JSON.parse(connect.body)).toMatchObject({ code: 'invalid_argument' });
    const web = await http1Request(server.url, { method: 'POST', path: ENQUEUE, headers: { 'content-type': 'application/grpc-web+proto' }, body: envelope(bytes) });
    expect(web.body).toMatch(new RegExp(`grpc-status: ?${Code.InvalidArgument}\\r\\n`));
    expect(await grpcCall(server.url, envelope(bytes))).toBe(String(Code.InvalidArgument));
  });

  it('a 100 KB header is 431 Request Header Fields Too Large', async () => {
    const answer = await http1Request(server.url, { path: '/healthz', headers: { 'x-large': 'a'.repeat(100 * 1024) } });
    expect(answer.status).toBe(431);
  });

  it('an object over etcd\'s size limit is invalid_argument, not unavailable (which clients retry for ever)', () => {
    const err = toConnectError(new KubeApiError(500, 'InternalError', 'etcdserver: request is too large'));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(toConnectError(new KubeApiError(500, 'InternalError', 'etcdserver: leader changed')).code).toBe(Code.Unavailable);
  });
});
