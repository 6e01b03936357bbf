import { describe, expect, it } from 'vitest';
import { MAX_GENERATED_NAME_LENGTH, generatedName } from '../../../shared/executor/generated-name.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('generatedName', () => {
  it('is the TaskAction name plus the attempt when that fits', () => {
    expect(generatedName('acme-proj-dev-r1-a0', 1)).toBe('acme-proj-dev-r1-a0-a1');
    expect(generatedName('acme-proj-dev-r1-a0', 12)).toBe('acme-proj-dev-r1-a0-a12');
  });

  it('is the same every time for the same action and attempt, and differs between attempts', () => {
    const name = 'x'.repeat(200);
    expect(generatedName(name, 2)).toBe(generatedName(name, 2));
    expect(generatedName(name, 2)).not.toBe(generatedName(name, 3));
  });

  it('shortens long names to a DNS label of at most 63 characters, keeping them apart with a hash', () => {
    const a = `${'organisation-'.repeat(5)}run-a`;
    const b = `${'organisation-'.repeat(5)}run-b`;
    for (const name of [a, b, 'a'.repeat(253)]) {
      const generated = generatedName(name, 3);
      expect(generated.length).toBeLessThanOrEqual(MAX_GENERATED_NAME_LENGTH);
      expect(generated).toMatch(DNS_LABEL);
      expect(generated.endsWith('-a3')).toBe(true);
    }
    expect(generatedName(a, 1)).not.toBe(generatedName(b, 1));
    expect(generatedName(a, 1).startsWith('organisation-organisation-')).toBe(true);
  });

  it('turns dotted names into labels without colliding with the dashed spelling', () => {
    const dotted = generatedName('acme.proj-dev-r1-a0', 1);
    expect(dotted).toMatch(DNS_LABEL);
    expect(dotted).not.toBe(generatedName('acme-proj-dev-r1-a0', 1));
  });

  it('rejects attempts below 1', () => {
    expect(() => generatedName('a', 0)).toThrow('attempt must be a whole number from 1, not 0');
  });
});
