import { type DescField, type DescMessage, equals, fromBinary } from '@bufbuild/protobuf';
import { type HandlerContext } from '@connectrpc/connect';
import { type TaskTemplate, TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { encodeTaskTemplate } from '../../task-action/index.js';
import { nestedFieldBytes, rawRequestMessage } from './raw-message-bytes.js';
import { RAW_REQUEST_BODY } from './raw-request-body.js';

/** Field numbers from a message down a path of field names, read from the generated schemas. */
export function fieldNumberPath(schema: DescMessage, names: readonly string[]): number[] {
  const numbers: number[] = [];
  let current: DescMessage | undefined = schema;
  for (const name of names) {
    const field: DescField | undefined = current?.fields.find((f) => f.localName === name);
    if (field === undefined) throw new Error(`${current?.typeName ?? '?'} has no field ${name}`);
    numbers.push(field.number);
    current = field.fieldKind === 'message' ? field.message : undefined;
  }
  return numbers;
}

/**
 * The template bytes to store: exactly what the client sent when the request was binary protobuf (a client may
 * order fields differently from this encoder, and Flyte's queue stores the bytes it received), else the canonical
 * binary encoding (JSON requests). The raw slice is used only if it decodes to the very template Connect decoded.
 */
export function clientTemplateBytes(ctx: HandlerContext, path: readonly number[], decoded: TaskTemplate): Uint8Array {
  const raw = ctx.values.get(RAW_REQUEST_BODY);
  if (raw !== undefined) {
    try {
      const message = rawRequestMessage(raw);
      const bytes = message === undefined ? undefined : nestedFieldBytes(message, path);
      if (bytes !== undefined && equals(TaskTemplateSchema, fromBinary(TaskTemplateSchema, bytes), decoded)) return new Uint8Array(bytes);
    } catch {
      // Not decodable here (an unknown compression): the canonical encoding below is still the same template.
    }
  }
  return encodeTaskTemplate(decoded);
}
