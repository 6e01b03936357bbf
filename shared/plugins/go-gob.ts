/**
 * A reader for Go's `encoding/gob` streams, enough to read the plugin state Flyte's executor stores (structs of
 * unsigned and signed integers, strings and nested structs, and `time.Time`, which gob carries as the bytes of its
 * GobEncode). A stream is self-describing: messages that define types (negative id) come before the value that uses
 * them. Arrays, slices, maps and interfaces are refused with an error rather than guessed at.
 */

/** A decoded struct: only the fields the sender wrote are present (gob omits zero values). */
export interface GobStruct {
  kind: 'struct';
  typeName: string;
  fields: Record<string, GobValue>;
}

/** A value of a type that encodes itself (GobEncoder, BinaryMarshaler, TextMarshaler), such as `time.Time`. */
export interface GobEncoded {
  kind: 'encoded';
  typeName: string;
  bytes: Uint8Array;
}

/** Integers beyond 2^53 stay bigint so that nothing is silently rounded. */
export type GobValue = boolean | number | bigint | string | Uint8Array | GobStruct | GobEncoded;

export class GobDecodeError extends Error {
  override readonly name = 'GobDecodeError';
}

interface StructType {
  kind: 'struct';
  name: string;
  fields: { name: string; id: number }[];
}

interface EncodedType {
  kind: 'encoded';
  name: string;
}

type WireType = StructType | EncodedType;

/** Gob's predefined type ids (`encoding/gob/type.go`); complex (7) and interface (8) are not supported. */
const BuiltinType = { bool: 1, int: 2, uint: 3, float: 4, bytes: 5, string: 6 } as const;
const BUILTIN_NAMES: Record<number, string> = { 7: 'complex', 8: 'interface' };

/** wireType's fields: 0 array, 1 slice, 2 struct, 3 map, 4-6 the self-encoding kinds. */
const WIRE_STRUCT = 2;
const WIRE_UNSUPPORTED: Record<number, string> = { 0: 'array', 1: 'slice', 3: 'map' };
const WIRE_ENCODED = new Set([4, 5, 6]);

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    private offset: number,
    private readonly end: number,
  ) {}

  atEnd(): boolean {
    return this.offset >= this.end;
  }

  fail(message: string): never {
    throw new GobDecodeError(`gob: at byte ${this.offset}: ${message}`);
  }

  byte(): number {
    if (this.offset >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.offset++] ?? 0;
  }

  take(length: number): Uint8Array {
    if (length > this.end - this.offset) this.fail(`${length} bytes announced, ${this.end - this.offset} left`);
    const slice = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  /** Below 128: the byte itself; else the negated byte count of the big-endian number that follows. */
  bigUint(): bigint {
    const first = this.byte();
    if (first < 0x80) return BigInt(first);
    const count = 256 - first;
    if (count > 8) this.fail(`an unsigned integer of ${count} bytes`);
    let value = 0n;
    for (let i = 0; i < count; i++) value = (value << 8n) | BigInt(this.byte());
    return value;
  }

  uint(): number {
    const value = this.bigUint();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${value} is too large here`);
    return Number(value);
  }

  /** Signed integers: the low bit says whether the rest is complemented. */
  bigInt(): bigint {
    const u = this.bigUint();
    return (u & 1n) === 1n ? ~(u >> 1n) : u >> 1n;
  }

  int(): number {
    const value = this.bigInt();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) this.fail(`${value} is too large here`);
    return Number(value);
  }

  string(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.take(this.uint()));
  }

  sub(length: number): Reader {
    if (length > this.end - this.offset) this.fail(`a message of ${length} bytes, ${this.end - this.offset} left`);
    const reader = new Reader(this.bytes, this.offset, this.offset + length);
    this.offset += length;
    return reader;
  }

  /** A struct on the wire: field number deltas (from -1), each followed by its value, ended by a 0 delta. */
  fields(read: (field: number) => void): void {
    let field = -1;
    for (;;) {
      const delta = this.uint();
      if (delta === 0) return;
      field += delta;
      read(field);
    }
  }
}

function smallest(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

function float(reader: Reader): number {
  // Floats are sent byte-reversed, so that round numbers (zero low mantissa bytes) are short.
  const reversed = reader.bigUint();
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, reversed, true);
  return view.getFloat64(0, false);
}

/** `CommonType {Name string; Id typeId}` */
function commonType(reader: Reader): { name: string; id: number } {
  const common = { name: '', id: 0 };
  reader.fields((field) => {
    if (field === 0) common.name = reader.string();
    else if (field === 1) common.id = reader.int();
    else reader.fail(`unknown field ${field} in a type's CommonType`);
  });
  return common;
}

function structType(reader: Reader): StructType {
  const type: StructType = { kind: 'struct', name: '', fields: [] };
  reader.fields((field) => {
    if (field === 0) type.name = commonType(reader).name;
    else if (field === 1) {
      const count = reader.uint();
      for (let i = 0; i < count; i++) {
        const entry = { name: '', id: 0 };
        reader.fields((f) => {
          if (f === 0) entry.name = reader.string();
          else if (f === 1) entry.id = reader.int();
          else reader.fail(`unknown field ${f} in a struct field's definition`);
        });
        type.fields.push(entry);
      }
    } else reader.fail(`unknown field ${field} in a struct type's definition`);
  });
  return type;
}

function wireType(reader: Reader): WireType {
  let type: WireType | undefined;
  reader.fields((field) => {
    if (field === WIRE_STRUCT) type = structType(reader);
    else if (WIRE_ENCODED.has(field)) {
      let name = '';
      reader.fields((f) => {
        if (f === 0) name = commonType(reader).name;
        else reader.fail(`unknown field ${f} in a self-encoding type's definition`);
      });
      type = { kind: 'encoded', name };
    } else if (WIRE_UNSUPPORTED[field] !== undefined) reader.fail(`${WIRE_UNSUPPORTED[field]} types are not supported`);
    else reader.fail(`unknown kind of type definition (field ${field})`);
  });
  if (type === undefined) reader.fail('an empty type definition');
  return type;
}

class StreamDecoder {
  private readonly types = new Map<number, WireType>();

  value(reader: Reader, id: number): GobValue {
    switch (id) {
      case BuiltinType.bool:
        return reader.bigUint() !== 0n;
      case BuiltinType.int:
        return smallest(reader.bigInt());
      case BuiltinType.uint:
        return smallest(reader.bigUint());
      case BuiltinType.float:
        return float(reader);
      case BuiltinType.bytes:
        return reader.take(reader.uint());
      case BuiltinType.string:
        return reader.string();
    }
    const type = this.types.get(id);
    if (type === undefined) reader.fail(BUILTIN_NAMES[id] !== undefined ? `${BUILTIN_NAMES[id]} values are not supported` : `type ${id} was never defined`);
    if (type.kind === 'encoded') return { kind: 'encoded', typeName: type.name, bytes: reader.take(reader.uint()) };
    const fields: Record<string, GobValue> = {};
    reader.fields((field) => {
      const definition = type.fields[field];
      if (definition === undefined) reader.fail(`field ${field} of ${type.name}, which has ${type.fields.length}`);
      fields[definition.name] = this.value(reader, definition.id);
    });
    return { kind: 'struct', typeName: type.name, fields };
  }

  /** Reads messages until the first value; type definitions before it are remembered. */
  first(bytes: Uint8Array): GobValue {
    const stream = new Reader(bytes, 0, bytes.length);
    if (stream.atEnd()) stream.fail('no data');
    while (!stream.atEnd()) {
      const message = stream.sub(stream.uint());
      const id = message.int();
      if (id < 0) {
        this.types.set(-id, wireType(message));
        continue;
      }
      // Values of a non-struct type are sent as a struct with one field: a 0 delta comes first.
      if (this.types.get(id)?.kind !== 'struct' && message.uint() !== 0) message.fail('a non-zero delta before a single value');
      const value = this.value(message, id);
      if (!message.atEnd()) message.fail('bytes left over after the value');
      return value;
    }
    return stream.fail('type definitions without a value');
  }
}

/** The first value of a gob stream, as one `gob.Encoder.Encode` call writes it (definitions, then the value). */
export function decodeGob(bytes: Uint8Array): GobValue {
  return new StreamDecoder().first(bytes);
}
