import { createContextKey } from '@connectrpc/connect';

/** The bytes of a request body exactly as they came off the wire (still compressed and enveloped). */
export interface RawRequestBody {
  contentType: string;
  /** `content-encoding` (Connect unary) or `grpc-encoding` (gRPC, gRPC-Web); empty when not compressed. */
  encoding: string;
  chunks: Uint8Array[];
}

/**
 * Handlers that must keep a client's bytes (a TaskTemplate is stored as sent, not re-encoded) read the body
 * through this context value; Connect has decoded the message from the same chunks by the time they run.
 */
export const RAW_REQUEST_BODY = createContextKey<RawRequestBody | undefined>(undefined, { description: 'raw request body' });

/** Passes a body through unchanged, keeping each chunk in `sink`. */
export async function* captureBody(body: AsyncIterable<Uint8Array>, sink: RawRequestBody): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    sink.chunks.push(chunk);
    yield chunk;
  }
}
