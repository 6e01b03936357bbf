import { toBinary } from '@bufbuild/protobuf';
import { type TaskTemplate, TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

/** Top-level fields of a binary message as [field number, encoded field] (tag included), in input order. */
function fields(bytes: Uint8Array): [number, Uint8Array][] {
  const result: [number, Uint8Array][] = [];
  let offset = 0;
  const read = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[offset++] ?? 0;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (offset < bytes.length) {
    const start = offset;
    const tag = read();
    const wire = tag % 8;
    if (wire === 0) read();
    else if (wire === 2) {
      const length = read();
      offset += length;
    }
    else if (wire === 1) offset += 8;
    else offset += 4;
    result.push([Math.floor(tag / 8), bytes.subarray(start, offset)]);
  }
  return result;
}

/**
 * The template's binary encoding with its top-level fields in descending field-number order: the same message,
 * other bytes than the canonical (ascending) encoding, as a client in another language may write them.
 */
export function reorderedTemplateBytes(template: TaskTemplate): Uint8Array {
  const parts = fields(toBinary(TaskTemplateSchema, template)).sort((a, b) => b[0] - a[0]);
  return new Uint8Array(Buffer.concat(parts.map(([, bytes]) => bytes)));
}

/** An unknown length-delimited field carrying `bytes`, for `$unknown` of a message (protobuf-es writes it as is). */
export function rawBytesField(fieldNumber: number, bytes: Uint8Array): { no: number; wireType: 2; data: Uint8Array } {
  return { no: fieldNumber, wireType: 2, data: new Uint8Array([...varint(bytes.length), ...bytes]) };
}
