import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentEdits } from '../../../extension/src/convert/document-edits.js';
import { analyzeManifest } from '../../../extension/src/convert/manifest-analysis.js';
import { transformDocumentAt } from '../../../shared/convert/document-at-offset.js';

const THREE = readFileSync(path.join(import.meta.dirname, '..', '..', 'ui', 'fixtures', 'three-documents.yaml'), 'utf8');

/** Applies non-overlapping edits given against the original text, last first (as an editor does). */
function applyAll(text: string, edits: readonly { start: number; end: number; replacement: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.replacement + t.slice(e.end), text);
}

describe('documentEdits', () => {
  it('changes only the second of three documents: the rest of the text stays byte for byte', () => {
    const [, second, third] = analyzeManifest(THREE);
    const { edits, objects } = documentEdits(THREE, [second?.start ?? -1], 'convert');
    expect(objects.map((o) => [o.object, o.status])).toEqual([['Job/second', 'transformed']]);
    expect(edits).toHaveLength(1);
    const [edit] = edits;
    expect(edit?.start).toBeGreaterThanOrEqual(second?.start ?? -1);
    expect(edit?.end).toBeLessThanOrEqual(third?.start ?? -1);
    const after = applyAll(THREE, edits);
    const core = transformDocumentAt(THREE, THREE.indexOf('name: second'), 'convert');
    expect(after).toBe(THREE.slice(0, core.start) + core.replacement + THREE.slice(core.end));
  });

  it('rewrites several documents in one set of edits, the same as one after the other', () => {
    const [first, second] = analyzeManifest(THREE);
    const both = applyAll(THREE, documentEdits(THREE, [second?.start ?? -1, first?.start ?? -1], 'convert').edits);
    const once = applyAll(THREE, documentEdits(THREE, [first?.start ?? -1], 'convert').edits);
    const [, secondAfter] = analyzeManifest(once);
    expect(both).toBe(applyAll(once, documentEdits(once, [secondAfter?.start ?? -1], 'convert').edits));
  });

  it('reverts back to the original text', () => {
    const [, second] = analyzeManifest(THREE);
    const converted = applyAll(THREE, documentEdits(THREE, [second?.start ?? -1], 'convert').edits);
    const [, again] = analyzeManifest(converted);
    expect(applyAll(converted, documentEdits(converted, [again?.start ?? -1], 'revert').edits)).toBe(THREE);
  });

  it('honours the entrypoint image option', () => {
    const [first] = analyzeManifest(THREE);
    const { edits } = documentEdits(THREE, [first?.start ?? -1], 'convert', { entrypointImage: 'mirror.local/entrypoint:v1' });
    expect(applyAll(THREE, edits)).toContain('image: mirror.local/entrypoint:v1');
  });
});
