import { fromBinary } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { describe, expect, it } from 'vitest';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { podTaskTemplate } from '../../../shared/task-action/pod-task.js';
import { encodeTaskTemplate } from '../../../shared/task-action/task-template-codec.js';

/**
 * A minimal protobuf wire reader, independent of any generated code, to check that what we write puts each value
 * under the field number flyteidl2's tasks.proto gives it (what Flyte's Go executor decodes).
 */
type Field = { number: number; wire: number; value: bigint | Uint8Array };

function readVarint(bytes: Uint8Array, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = bytes[at.pos++];
    if (byte === undefined) throw new Error('truncated varint');
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  const at = { pos: 0 };
  while (at.pos < bytes.length) {
    const key = Number(readVarint(bytes, at));
    const number = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ number, wire, value: readVarint(bytes, at) });
    else if (wire === 2) {
      const length = Number(readVarint(bytes, at));
      out.push({ number, wire, value: bytes.subarray(at.pos, at.pos + length) });
      at.pos += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

function one(list: Field[], number: number): Field {
  const found = list.filter((f) => f.number === number);
  expect(found, `field ${number}`).toHaveLength(1);
  return found[0] as Field;
}

function all(list: Field[], number: number): Field[] {
  return list.filter((f) => f.number === number);
}

const text = (f: Field) => new TextDecoder().decode(f.value as Uint8Array);
const sub = (f: Field) => fields(f.value as Uint8Array);
const mapEntries = (list: Field[]) =>
  Object.fromEntries(list.map((entry) => [text(one(sub(entry), 1)), text(one(sub(entry), 2))]));

describe('TaskTemplate bytes as Flyte reads them', () => {
  it('container task: type=2, metadata=3 (retries=5.retries=5, timeout=4, interruptible=8), container=6', () => {
    const bytes = encodeTaskTemplate(
      containerTaskTemplate({
        image: 'busybox',
        command: ['sh'],
        args: ['-c', 'true'],
        env: { K: 'V' },
        resources: { limits: { cpu: '1' } },
        retries: 3,
        timeoutSeconds: 60,
        interruptible: false,
      }),
    );
    const top = fields(bytes);
    expect(text(one(top, 2))).toBe('container');

    const metadata = sub(one(top, 3));
    expect(one(sub(one(metadata, 5)), 5).value).toBe(3n);
    expect(one(sub(one(metadata, 4)), 1).value).toBe(60n);
    expect(one(metadata, 8).value).toBe(0n);

    const container = sub(one(top, 6));
    expect(text(one(container, 1))).toBe('busybox');
    expect(all(container, 2).map(text)).toEqual(['sh']);
    expect(all(container, 3).map(text)).toEqual(['-c', 'true']);
    const env = sub(one(container, 5));
    expect([text(one(env, 1)), text(one(env, 2))]).toEqual(['K', 'V']);
    // Resources: requests=1, limits=2, entries {name=1 (ResourceName), value=2}; the missing request is the limit.
    const resources = sub(one(container, 4));
    const resourceEntries = (number: number) => all(resources, number).map((entry) => [one(sub(entry), 1).value, text(one(sub(entry), 2))]);
    expect(resourceEntries(1)).toEqual([[3n, '128Mi'], [1n, '1']]); // MEMORY (a default), CPU (the limit)
    expect(resourceEntries(2)).toEqual([[1n, '1'], [3n, '128Mi']]);
    expect(all(top, 17)).toHaveLength(0);
  });

  it('pod task: k8s_pod=17 (pod_spec=2 Struct, primary_container_name=4), task_type_version=7, config=16', () => {
    const bytes = encodeTaskTemplate(
      podTaskTemplate({
        podSpec: { containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
        sequential: true,
      }),
    );
    const top = fields(bytes);
    expect(text(one(top, 2))).toBe('sidecar');
    expect(one(top, 7).value).toBe(2n);
    expect(mapEntries(all(top, 16))).toEqual({ primary_container_name: 'main', 'kueue.dev/sequential': 'true' });
    const pod = sub(one(top, 17));
    expect(text(one(pod, 4))).toBe('main');
    // google.protobuf.Struct: fields=1 map<string, Value>; "containers" is a list_value=6.
    const struct = sub(one(pod, 2));
    const entry = all(struct, 1).map(sub).find((e) => text(one(e, 1)) === 'containers');
    expect(entry).toBeDefined();
    if (entry !== undefined) expect(one(sub(one(entry, 2)), 6).wire).toBe(2);
    expect(all(top, 6)).toHaveLength(0);
  });

  it('decodes with the generated flyteidl2 schema to the same fields', () => {
    const bytes = encodeTaskTemplate(
      containerTaskTemplate({ image: 'alpine:3', args: ['x'], retries: 1, env: { A: 'b' }, id: { name: 't' } }),
    );
    const decoded = fromBinary(TaskTemplateSchema, bytes);
    expect(decoded.type).toBe('container');
    expect(decoded.metadata?.retries?.retries).toBe(1);
    expect(decoded.id?.name).toBe('t');
    expect(decoded.target.case).toBe('container');
    if (decoded.target.case === 'container') {
      expect(decoded.target.value.image).toBe('alpine:3');
      expect(decoded.target.value.args).toEqual(['x']);
      expect(decoded.target.value.env.map((e) => [e.key, e.value])).toEqual([['A', 'b']]);
    }

    const pod = fromBinary(
      TaskTemplateSchema,
      encodeTaskTemplate(podTaskTemplate({ podSpec: { containers: [{ name: 'c', image: 'x' }], hostNetwork: true } })),
    );
    expect(pod.config.primary_container_name).toBe('c');
    expect(pod.target.case).toBe('k8sPod');
    if (pod.target.case === 'k8sPod') {
      expect(pod.target.value.podSpec).toEqual({ containers: [{ name: 'c', image: 'x' }], hostNetwork: true });
      expect(pod.target.value.primaryContainerName).toBe('c');
    }
  });
});
