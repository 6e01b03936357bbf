import { Code } from '@connectrpc/connect';
import { type UniversalServerResponse } from '@connectrpc/connect/protocol';
import { codeFromHttpStatus, codeToString } from '@connectrpc/connect/protocol-connect';

export type RpcProtocol = 'connect' | 'grpc' | 'grpc-web';

export interface RpcOutcome {
  /** Connect code name (`ok`, `invalid_argument`, ...). */
  code: string;
  message?: string;
}

/** The protocol of a request, from its content type (what Connect's router negotiates on as well). */
export function rpcProtocol(contentType: string | undefined): RpcProtocol {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/grpc-web')) return 'grpc-web';
  if (type.startsWith('application/grpc')) return 'grpc';
  return 'connect';
}

function codeName(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = Number(value);
  if (number === 0) return 'ok';
  return Number.isInteger(number) && Code[number] !== undefined ? codeToString(number) : value;
}

function decodeGrpcMessage(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `grpc-status: 3\r\ngrpc-message: ...` as sent in a gRPC-Web trailer frame. */
function parseTrailerBlock(text: string): Headers {
  const headers = new Headers();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Reads gRPC-Web envelopes (1 flag byte, 4 length bytes, payload) as they stream past, keeping the trailer frame
 * (flag 0x80), which carries the status of a call that already sent headers.
 */
class GrpcWebTrailerReader {
  private pending = Buffer.alloc(0);
  trailer: Headers | undefined;

  push(chunk: Uint8Array): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < 5 + length) return;
      const flags = this.pending[0] ?? 0;
      if ((flags & 0x80) !== 0) this.trailer = parseTrailerBlock(this.pending.subarray(5, 5 + length).toString('utf8'));
      this.pending = this.pending.subarray(5 + length);
    }
  }
}

async function* tap(body: AsyncIterable<Uint8Array>, onChunk: (chunk: Uint8Array) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    onChunk(chunk);
    yield chunk;
  }
}

/**
 * Wraps an RPC response so that, once it has been written, its status can be read the way the client will see
 * it: a gRPC status from the trailers (or the headers of a trailers-only answer, or a gRPC-Web trailer frame),
 * a Connect error from its JSON body. This also covers what fails before the service is called (an oversized
 * or malformed message, an unsupported content type), which an interceptor would never see.
 */
export function observeRpcOutcome(
  response: UniversalServerResponse,
  protocol: RpcProtocol,
): { response: UniversalServerResponse; outcome: () => RpcOutcome } {
  const errorBody: Uint8Array[] = [];
  const webTrailer = new GrpcWebTrailerReader();
  let body = response.body;
  if (body !== undefined && protocol === 'grpc-web') body = tap(body, (chunk) => webTrailer.push(chunk));
  if (body !== undefined && protocol === 'connect' && response.status !== 200) body = tap(body, (chunk) => errorBody.push(chunk));

  const outcome = (): RpcOutcome => {
    if (protocol === 'connect') {
      if (response.status === 200) return { code: 'ok' };
      try {
        const parsed = JSON.parse(Buffer.concat(errorBody).toString('utf8')) as { code?: unknown; message?: unknown };
        if (typeof parsed.code === 'string') {
          return { code: parsed.code, ...(typeof parsed.message === 'string' ? { message: parsed.message } : {}) };
        }
      } catch {
        // Not a Connect error body (compressed, or not from a handler): the HTTP status still says enough.
      }
      return { code: codeToString(codeFromHttpStatus(response.status)) };
    }
    const sources = [response.trailer, webTrailer.trailer, response.header];
    for (const headers of sources) {
      const code = codeName(headers?.get('grpc-status'));
      if (code !== undefined) {
        const message = decodeGrpcMessage(headers?.get('grpc-message'));
        return { code, ...(message ? { message } : {}) };
      }
    }
    return { code: response.status === 200 ? 'unknown' : `http ${response.status}` };
  };
  return { response: { ...response, ...(body !== undefined ? { body } : {}) }, outcome };
}
