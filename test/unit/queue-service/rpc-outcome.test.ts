import { describe, expect, it } from 'vitest';
import { observeRpcOutcome, rpcProtocol } from '../../../shared/queue/service/rpc-outcome.js';

function frame(flags: number, payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const head = Buffer.alloc(5);
  head[0] = flags;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** A response body that arrives in separate reads, as from a socket. */
async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

async function drain(body: AsyncIterable<Uint8Array> | undefined): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const chunk of body ?? []) out.push(chunk);
  return Buffer.concat(out);
}

describe('rpcProtocol', () => {
  it('tells the protocols apart by content type', () => {
    expect(rpcProtocol('application/grpc')).toBe('grpc');
    expect(rpcProtocol('application/grpc+json')).toBe('grpc');
    expect(rpcProtocol('application/grpc-web+proto')).toBe('grpc-web');
    expect(rpcProtocol('application/json')).toBe('connect');
    expect(rpcProtocol(undefined)).toBe('connect');
  });
});

describe('observeRpcOutcome', () => {
  it('finds a gRPC-Web status in the trailer frame however the body is split, passing the bytes through', async () => {
    const whole = Buffer.concat([frame(0, 'message bytes'), frame(0x80, 'grpc-status: 5\r\ngrpc-message: parent%20missing\r\n')]);
    const { response, outcome } = observeRpcOutcome({ status: 200, header: new Headers(), body: chunks(whole.subarray(0, 3), whole.subarray(3, 20), whole.subarray(20)) }, 'grpc-web');
    expect(await drain(response.body)).toEqual(whole);
    expect(outcome()).toEqual({ code: 'not_found', message: 'parent missing' });
  });

  it('reads a gRPC status from the trailers, or from the headers of a trailers-only answer', async () => {
    const trailer = new Headers({ 'grpc-status': '0' });
    const ok = observeRpcOutcome({ status: 200, header: new Headers(), body: chunks(frame(0, 'x')), trailer }, 'grpc');
    await drain(ok.response.body);
    expect(ok.outcome()).toEqual({ code: 'ok' });
    const only = observeRpcOutcome({ status: 200, header: new Headers({ 'grpc-status': '3', 'grpc-message': 'action_id%20is%20required' }) }, 'grpc');
    expect(only.outcome()).toEqual({ code: 'invalid_argument', message: 'action_id is required' });
  });

  it('reads a Connect error from its JSON body, else from the HTTP status', async () => {
    const body = Buffer.from(JSON.stringify({ code: 'already_exists', message: 'different spec' }));
    const failed = observeRpcOutcome({ status: 409, body: chunks(body) }, 'connect');
    expect(await drain(failed.response.body)).toEqual(body);
    expect(failed.outcome()).toEqual({ code: 'already_exists', message: 'different spec' });
    // Connect's HTTP-to-code table: 404 is unimplemented, 503 unavailable.
    const opaque = observeRpcOutcome({ status: 404, body: chunks(Buffer.from('nope')) }, 'connect');
    await drain(opaque.response.body);
    expect(opaque.outcome()).toEqual({ code: 'unimplemented' });
    expect(observeRpcOutcome({ status: 503 }, 'connect').outcome()).toEqual({ code: 'unavailable' });
    expect(observeRpcOutcome({ status: 200 }, 'connect').outcome()).toEqual({ code: 'ok' });
  });
});
