import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertObject } from '../../../shared/convert/convert-object.js';
import { getAt } from '../../../shared/convert/field-path.js';
import { type JsonObject, isPlainObject } from '../../../shared/convert/json-value.js';
import { convertManifest, renderNewYaml, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { revertObject } from '../../../shared/convert/revert-object.js';
import { ORIGINAL_COMMANDS_ANNOTATION, ORIGINAL_EMPTY_FIELDS_ANNOTATION } from '../../../shared/convert/original-record.js';
import { SEQUENTIAL_ANNOTATION } from '../../../shared/convert/sequential-constants.js';
import { type WorkloadKind, findWorkloadKind } from '../../../shared/convert/workload-kinds.js';
import { deepFreeze } from './deep-freeze.js';
import { parseYamlStream } from './fixture-files.js';
import { convertibleObject } from './pod-arbitraries.js';

const RUNS = { numRuns: 300 };

function converted(input: unknown): JsonObject {
  const outcome = convertObject(input);
  if (outcome.status !== 'transformed') throw new Error(`not converted: ${outcome.status}`);
  return outcome.object;
}

function kindOf(object: unknown): WorkloadKind {
  const kind = findWorkloadKind(object);
  if (kind === undefined) throw new Error('generated object of unknown kind');
  return kind;
}

/**
 * The object without the fields the reference says convert rewrites: annotations on each metadata level
 * (and a metadata level left empty by that), the pod spec's initContainers and volumes, and each
 * container's command, args and volumeMounts, and the terminationMessagePath convert gives a step that has
 * none (a user's own path is kept, so it is compared).
 */
function withoutRewrittenFields(object: unknown, kind: WorkloadKind): unknown {
  const copy = structuredClone(object) as JsonObject;
  for (const path of [...kind.metadataPaths].reverse()) {
    const parent = getAt(copy, path.slice(0, -1));
    const key = path[path.length - 1] as string;
    if (!isPlainObject(parent)) continue;
    const metadata = parent[key];
    if (isPlainObject(metadata)) delete metadata['annotations'];
    if (metadata === null || (isPlainObject(metadata) && Object.keys(metadata).length === 0)) delete parent[key];
  }
  const spec = getAt(copy, kind.podSpecPath) as JsonObject;
  delete spec['initContainers'];
  delete spec['volumes'];
  (spec['containers'] as JsonObject[]).forEach((container, step) => {
    if (container['terminationMessagePath'] === `/tekton/run/${step}/termination`) delete container['terminationMessagePath'];
    delete container['command'];
    delete container['args'];
    delete container['volumeMounts'];
  });
  return copy;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

describe('convert, for any object it accepts', () => {
  it('never modifies its input', () => {
    fc.assert(
      fc.property(convertibleObject, (input) => {
        const snapshot = structuredClone(input);
        converted(deepFreeze(input));
        expect(input).toStrictEqual(snapshot);
      }),
      RUNS,
    );
  }, 60_000);

  it('keeps every field the reference does not list, exactly', () => {
    fc.assert(
      fc.property(convertibleObject, (input) => {
        const kind = kindOf(input);
        expect(withoutRewrittenFields(converted(input), kind)).toStrictEqual(withoutRewrittenFields(input, kind));
      }),
      RUNS,
    );
  }, 60_000);

  it('keeps the user parts of the fields it rewrites: annotations, init containers, volumes, mounts', () => {
    fc.assert(
      fc.property(convertibleObject, (input) => {
        const kind = kindOf(input);
        const output = converted(input);
        kind.metadataPaths.forEach((path, level) => {
          const before = getAt(input, [...path, 'annotations']);
          const after = getAt(output, [...path, 'annotations']) as JsonObject;
          const { [ORIGINAL_COMMANDS_ANNOTATION]: commands, [ORIGINAL_EMPTY_FIELDS_ANNOTATION]: _empty, ...rest } = after;
          expect(rest).toStrictEqual({ ...(isPlainObject(before) ? before : {}), [SEQUENTIAL_ANNOTATION]: 'true' });
          // The record sits on the pod template's metadata only.
          expect(commands !== undefined).toBe(level === kind.metadataPaths.length - 1);
        });
        const specBefore = getAt(input, kind.podSpecPath) as JsonObject;
        const specAfter = getAt(output, kind.podSpecPath) as JsonObject;
        expect(list(specAfter['initContainers']).slice(1)).toStrictEqual(list(specBefore['initContainers']));
        const userVolumes = list(specBefore['volumes']);
        expect(list(specAfter['volumes']).slice(0, userVolumes.length)).toStrictEqual(userVolumes);
        list(specBefore['containers']).forEach((container, i) => {
          const userMounts = list((container as JsonObject)['volumeMounts']);
          const mountsAfter = list((list(specAfter['containers'])[i] as JsonObject)['volumeMounts']);
          expect(mountsAfter.slice(0, userMounts.length)).toStrictEqual(userMounts);
        });
      }),
      RUNS,
    );
  }, 60_000);

  it('is undone exactly by revert', () => {
    fc.assert(
      fc.property(convertibleObject, (input) => {
        const outcome = revertObject(converted(input));
        expect(outcome.status).toBe('transformed');
        if (outcome.status === 'transformed') {
          expect(outcome.object).toStrictEqual(input);
          expect(outcome.warnings).toEqual([]);
        }
      }),
      RUNS,
    );
  }, 60_000);
});

describe('the document layer, for any object convert accepts', () => {
  it('writes YAML that reads as the converted object, and reverts to the very same text', () => {
    fc.assert(
      fc.property(convertibleObject, (input) => {
        const text = renderNewYaml(input);
        const output = convertManifest(text).chunks.join('');
        expect(parseYamlStream(output)).toStrictEqual([converted(input)]);
        expect(revertManifest(output).chunks.join('')).toBe(text);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
