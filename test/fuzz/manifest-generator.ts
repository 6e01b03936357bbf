import fc from 'fast-check';

/**
 * Manifests built to break a YAML/JSON reader and the conversion: Pods, Jobs and CronJobs whose commands use
 * tags, anchors and aliases, quoting that other readers misread, numbers at the edge of a float, directives,
 * empty documents and stray separators, deep nesting, and byte-level mutations of all of these.
 */

const WORDS = ['sh', '-c', 'echo a', 'yes', 'no', 'on', 'off', '0777', '1e3', '0x1F', '2024-01-01', '12:30', 'null', '~', '', ' ', 'a: b', '- x', '#x', '"q"', "'s'", 'é', '\\n', '.inf', 'e0', 'true', '[x]', '{a: 1}', '&a', '*a', '!!str', '%YAML'];
const TAGS = ['', '', '', '!!str ', '!!int ', '!!float ', '!!bool ', '!!null ', '!!binary ', '!custom ', '!!seq ', '!!map '];
const NUMBERS = ['1', '-0', '0.1', '1e400', '-1e400', '12345678901234567890', '9007199254740993', '0.10000000000000000000000001', '1_000', '0o17', '.NaN', '.inf', '0777'];
const SEPARATORS = ['---\n', '--- \n', '---', '...\n', '\n', '--- # c\n', '%YAML 1.1\n---\n', '%TAG !e! tag:example.com,2000:\n---\n', '# only a comment\n'];

const scalar = fc.oneof(
  fc.constantFrom(...WORDS).map((word) => (/^[\w.-]*$/.test(word) && word !== '' ? word : JSON.stringify(word))),
  fc.constantFrom(...NUMBERS),
  fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)),
);

const taggedItem = fc.tuple(fc.constantFrom(...TAGS.slice(0, 9)), scalar).map(([tag, value]) => `${tag}${value}`);

const plainCommand = fc.array(scalar, { minLength: 1, maxLength: 4 }).map((items) => `[${items.join(', ')}]`);

const command = fc.oneof(
  { weight: 4, arbitrary: plainCommand },
  fc.array(taggedItem, { minLength: 1, maxLength: 5 }).map((items) => `[${items.join(', ')}]`),
  fc.tuple(fc.constantFrom(...TAGS), fc.array(taggedItem, { minLength: 1, maxLength: 4 })).map(([tag, items]) => `${tag}[${items.join(', ')}]`),
  fc.constantFrom('&s [x, *s]', '&c [sh, -c]', '*c', '!!binary [sh, -c, "echo a"]', '[sh, -c, "echo a"]', '"just a string"', '[]', 'null'),
);

function container(name: string, cmd: string, args: string | undefined): string {
  return `  - name: ${name}\n    image: busybox\n    command: ${cmd}\n${args === undefined ? '' : `    args: ${args}\n`}`;
}

const podLike = fc
  .tuple(
    fc.constantFrom('Pod', 'Job', 'CronJob', 'ConfigMap', 'List'),
    fc.array(fc.tuple(command, fc.option(command, { nil: undefined })), { minLength: 1, maxLength: 3 }),
    fc.option(fc.tuple(fc.constantFrom('labels', 'annotations'), fc.string({ maxLength: 6 }), scalar), { nil: undefined }),
    fc.option(fc.constantFrom(...NUMBERS), { nil: undefined }),
  )
  .map(([kind, containers, meta, number]) => {
    const body = containers.map(([cmd, args], i) => container(`c${i}`, cmd, args)).join('');
    const extra = meta === undefined ? '' : `  ${meta[0]}:\n    ${JSON.stringify(meta[1])}: ${meta[2]}\n`;
    const spec = `restartPolicy: Never\n${number === undefined ? '' : `priority: ${number}\n`}containers:\n${body}`;
    const indent = (text: string, by: number) => text.split('\n').map((line) => (line === '' ? line : ' '.repeat(by) + line)).join('\n');
    if (kind === 'ConfigMap') return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n${extra}data:\n  n: ${number ?? '1'}\n`;
    if (kind === 'Job') return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n${extra}spec:\n  template:\n    spec:\n${indent(spec, 6)}`;
    if (kind === 'CronJob') {
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\n${extra}spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(spec, 10)}`;
    }
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${extra}spec:\n${indent(spec, 2)}`;
    return kind === 'List' ? `apiVersion: v1\nkind: List\nitems:\n- ${indent(pod, 2).slice(2)}` : pod;
  });

const deep = fc.tuple(fc.integer({ min: 200, max: 1200 }), fc.boolean()).map(([depth, flow]) =>
  flow
    ? `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\nx:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}-\n`).join('')}y: 1\n`,
);

const yamlStream = fc
  .array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.oneof({ weight: 8, arbitrary: podLike }, { weight: 1, arbitrary: deep }, { weight: 1, arbitrary: fc.constant('') })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([separator, doc], i) => (i === 0 && separator.startsWith('---') ? doc : `${separator}${doc}`)).join(''));

/** A JSON manifest with numbers a float may not keep, as kubectl writes them. */
const jsonManifest = fc.tuple(fc.constantFrom(...NUMBERS.filter((n) => /^-?\d/.test(n) && !n.includes('_') && !n.startsWith('0o') && n !== '0777')), fc.array(fc.constantFrom('sh', '-c', 'yes', '0777'), { minLength: 1, maxLength: 3 })).map(
  ([number, cmd]) =>
    `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"restartPolicy":"Never","priority":${number},"containers":[{"name":"a","image":"b","command":${JSON.stringify(cmd)}},{"name":"b","image":"b","command":["x"]}]}}`,
);

/** Byte-level damage: a cut, a duplicated slice, a character dropped in. */
function mutate(text: string, at: number, kind: number, insert: string): string {
  const pos = text.length === 0 ? 0 : at % text.length;
  if (kind === 0) return text.slice(0, pos);
  if (kind === 1) return text.slice(0, pos) + text.slice(pos, pos + 40) + text.slice(pos);
  return text.slice(0, pos) + insert + text.slice(pos);
}

export const manifestInput = fc.oneof(
  { weight: 6, arbitrary: yamlStream },
  { weight: 2, arbitrary: jsonManifest },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(yamlStream, jsonManifest), fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(':', '-', '[', '{', '"', "'", '&a', '*a', '!', '\n', ' ', '\t', '%', '|', '>', '#', '\\'))
      .map(([text, at, kind, insert]) => mutate(text, at, kind, insert)),
  },
);

/** Request bodies for serve: random bytes, truncated and corrupted protobuf, and bad envelopes. */
export const requestBody = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 7 }), fc.uint8Array({ maxLength: 12 })), { maxLength: 6 }).map((fields) =>
    Uint8Array.from(fields.flatMap(([field, wire, payload]) => [(field << 3) | wire, payload.length, ...payload])),
  ),
);
