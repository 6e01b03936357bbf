import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type RawRequestBody } from './raw-request-body.js';

function decompress(bytes: Uint8Array, encoding: string): Uint8Array | undefined {
  if (encoding === '' || encoding === 'identity') return bytes;
  if (encoding === 'gzip') return gunzipSync(bytes);
  if (encoding === 'br') return brotliDecompressSync(bytes);
  return undefined;
}

/**
 * The binary protobuf of the (first) request message, or undefined for JSON requests and encodings this server
 * does not know. Connect unary bodies are the message itself; gRPC and gRPC-Web bodies are envelopes (a flag
 * byte whose low bit says "compressed", a 4-byte length, the payload).
 */
export function rawRequestMessage(raw: RawRequestBody): Uint8Array | undefined {
  const type = raw.contentType.toLowerCase().split(';', 1)[0]?.trim() ?? '';
  const body = Buffer.concat(raw.chunks);
  if (type === 'application/proto') return decompress(body, raw.encoding);
  const enveloped = ['application/grpc', 'application/grpc+proto', 'application/grpc-web', 'application/grpc-web+proto'];
  if (!enveloped.includes(type)) return undefined;
  for (let offset = 0; offset + 5 <= body.length; ) {
    const flags = body[offset] ?? 0;
    const length = body.readUInt32BE(offset + 1);
    const payload = body.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if ((flags & 0x80) !== 0) continue;
    return (flags & 0x01) !== 0 ? decompress(payload, raw.encoding) : payload;
  }
  return undefined;
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = start; i < bytes.length && i < start + 10; i++) {
    const byte = bytes[i] ?? 0;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new Error('truncated varint');
}

/**
 * The payload of a length-delimited field, when it occurs exactly once in the message. Protobuf merges repeated
 * occurrences of a message field, so when it occurs twice no single slice of the input is the field's value.
 */
export function singleFieldBytes(message: Uint8Array, fieldNumber: number): Uint8Array | undefined {
  let found: Uint8Array | undefined;
  let count = 0;
  let offset = 0;
  while (offset < message.length) {
    const tag = readVarint(message, offset);
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    offset = tag.next;
    if (wireType === 0) {
      offset = readVarint(message, offset).next;
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else if (wireType === 2) {
      const length = readVarint(message, offset);
      const end = length.next + length.value;
      if (end > message.length) throw new Error('truncated field');
      if (field === fieldNumber) {
        found = message.subarray(length.next, end);
        count++;
      }
      offset = end;
    } else {
      // Groups (3, 4) are not used by these messages: give up rather than guess.
      return undefined;
    }
  }
  return count === 1 ? found : undefined;
}

/** Follows a path of field numbers through nested messages; undefined when any step is absent or repeated. */
export function nestedFieldBytes(message: Uint8Array, path: readonly number[]): Uint8Array | undefined {
  let current: Uint8Array | undefined = message;
  for (const field of path) {
    if (current === undefined) return undefined;
    try {
      current = singleFieldBytes(current, field);
    } catch {
      return undefined;
    }
  }
  return current;
}
