import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { YamlOutputCheck, checkManifestOutput, fingerprintOf } from '../../../shared/convert/index.js';
import { firstUserError } from '../../helpers/catch-user-errors.js';

const STREAM = `# leading comment
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  args: |
    line one
    line two
---
---
apiVersion: v1
kind: ConfigMap
data:
  a: "quoted # not a comment"
  b: 'single'
...
---
kind: Last
`;

function fingerprints(text: string): string[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((doc) => doc.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined)
    .map((value) => fingerprintOf(value));
}

/** The check fed `text` in pieces cut at the given offsets. */
function checkInPieces(text: string, expected: readonly string[], cuts: readonly number[]): void {
  const check = new YamlOutputCheck('out.yaml');
  for (const fingerprint of expected) check.expect(fingerprint);
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    check.write(text.slice(from, cut));
    from = cut;
  }
  check.end();
}

describe('the streaming output check', () => {
  it('accepts the same output however it is cut into pieces', () => {
    const expected = fingerprints(STREAM);
    expect(expected).toHaveLength(3);
    for (let cut = 0; cut <= STREAM.length; cut++) checkInPieces(STREAM, expected, [cut]);
    checkInPieces(STREAM, expected, Array.from({ length: STREAM.length }, (_, i) => i));
  });

  it('refuses a document that reads back as something else, naming it', () => {
    const expected = fingerprints(STREAM.replace('line two', 'line 2'));
    for (const cuts of [[], [60], [STREAM.length - 3]]) {
      const error = firstUserError(() => checkInPieces(STREAM, expected, cuts));
      expect(error.message).toBe('the YAML output would not read back as the objects it was made from, so nothing was written');
      expect(error.location).toEqual({ file: 'out.yaml', document: 0 });
    }
  });

  it('refuses documents run together by a lost line break (`------`)', () => {
    const expected = fingerprints(STREAM);
    const broken = STREAM.replace('---\n---\n', '------\n');
    const error = firstUserError(() => checkInPieces(broken, expected, [40, 41]));
    expect(error.message).toMatch(/^the YAML output would not parse \(.+\), so nothing was written$/);
  });

  it('refuses output with fewer documents than announced', () => {
    const expected = [...fingerprints(STREAM), fingerprintOf({ kind: 'Missing' })];
    const error = firstUserError(() => checkInPieces(STREAM, expected, [10]));
    expect(error.message).toBe('the YAML output would hold 3 documents instead of 4, so nothing was written');
  });

  it('checkManifestOutput gives the same verdicts on the whole text', () => {
    expect(() => checkManifestOutput(STREAM, 'yaml', fingerprints(STREAM), 'out.yaml')).not.toThrow();
    expect(firstUserError(() => checkManifestOutput('a: [1\n', 'yaml', [fingerprintOf({ a: [1] })], 'out.yaml')).message).toMatch(
      /^the YAML output would not parse \(.+\), so nothing was written$/,
    );
  });
});
