import { describe, expect, it } from 'vitest';
import { convertManifest, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { comparable, withoutEmptyMetadata, withoutGoZeroValues } from './comparison.js';
import { convertFixtures, parseYamlStream } from './fixture-files.js';

const fixtures = convertFixtures();

describe('fixtures converted like the original tool', () => {
  it('covers the cases the issue lists', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['single-container', 'many-containers', 'init-containers', 'volumes-and-mounts', 'job', 'cronjob', 'mixed']),
    );
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: same objects as kueueleuleu v0.1.0 printed', (_name, fixture) => {
    const ours = parseYamlStream(convertManifest(fixture.input).chunks.join(''));
    const theirs = parseYamlStream(fixture.original);
    expect(ours.length).toBe(theirs.length);
    expect(ours.map(comparable)).toEqual(theirs.map(comparable));
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: revert gives back the input text byte for byte', (_name, fixture) => {
    const converted = convertManifest(fixture.input).chunks.join('');
    expect(converted).not.toBe(fixture.input);
    expect(revertManifest(converted).chunks.join('')).toBe(fixture.input);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s: revert of the original tool output runs the same command lines, all in command',
    (_name, fixture) => {
      const reverted = parseYamlStream(revertManifest(fixture.original).chunks.join('')).map((o) => withoutEmptyMetadata(withoutGoZeroValues(o)));
      const expected = parseYamlStream(fixture.input).map((object) => withoutGoZeroValues(withCommandLinesInCommand(object)));
      expect(reverted).toEqual(expected);
    },
  );
});

/** The input with each container's `args` appended to its `command`: what a record-less revert restores. */
function withCommandLinesInCommand(object: unknown): unknown {
  const copy = structuredClone(object) as Record<string, unknown>;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record['containers'])) {
      for (const container of record['containers'] as Record<string, unknown>[]) {
        container['command'] = [...(container['command'] as string[]), ...((container['args'] as string[] | undefined) ?? [])];
        delete container['args'];
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(copy);
  return copy;
}
