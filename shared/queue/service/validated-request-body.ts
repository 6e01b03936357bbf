import { type DescMessage, fromBinary } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { rawRequestMessage } from './raw-message-bytes.js';
import { type RawRequestBody } from './raw-request-body.js';

/**
 * Passes a request body through once its protobuf message is known to decode. Connect reports a message it
 * cannot decode as `internal` (HTTP 500), which tells a client the server is broken and invites retries; a
 * malformed request is the client's mistake, so it is refused here as `invalid_argument` (errors thrown by the
 * body reach the client with their own code). Bodies past `maxBytes` pass through unchecked: Connect's own
 * limit refuses them without this buffering them.
 */
export async function* validatedRequestBody(
  body: AsyncIterable<Uint8Array>,
  raw: RawRequestBody,
  input: DescMessage,
  maxBytes: number,
): AsyncIterable<Uint8Array> {
  const held: Uint8Array[] = [];
  let size = 0;
  let checking = true;
  for await (const chunk of body) {
    if (!checking) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    size += chunk.byteLength;
    if (size > maxBytes) {
      checking = false;
      yield* held.splice(0);
    }
  }
  if (checking) checkMessage({ ...raw, chunks: held }, input);
  yield* held;
}

function checkMessage(raw: RawRequestBody, input: DescMessage): void {
  let message: Uint8Array | undefined;
  try {
    message = rawRequestMessage(raw);
  } catch (err) {
    throw new ConnectError(`the request body cannot be decompressed (${raw.encoding}): ${err instanceof Error ? err.message : String(err)}`, Code.InvalidArgument);
  }
  if (message === undefined) return;
  try {
    fromBinary(input, message);
  } catch (err) {
    throw new ConnectError(`the request is not a valid ${input.typeName} message: ${err instanceof Error ? err.message : String(err)}`, Code.InvalidArgument);
  }
}
