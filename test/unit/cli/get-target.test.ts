import { describe, expect, it } from 'vitest';
import { parseGetTarget } from '../../../kubectl-plugin/commands/get/get-target.js';

describe('parseGetTarget', () => {
  it('reads nothing, RUN, RUN ACTION and TYPE/NAME in any of kubectl\'s spellings of the type', () => {
    expect(parseGetTarget([])).toEqual({ kind: 'all' });
    expect(parseGetTarget(['nightly'])).toEqual({ kind: 'run', run: 'nightly' });
    expect(parseGetTarget(['nightly', 'train'])).toEqual({ kind: 'action', run: 'nightly', action: 'train' });
    for (const type of ['taskaction', 'taskactions', 'ta', 'TaskAction', 'taskactions.flyte.org', 'taskaction.flyte.org']) {
      expect(parseGetTarget([`${type}/x-a0`])).toEqual({ kind: 'object', name: 'x-a0' });
    }
  });

  it('refuses other types, empty names, and arguments beyond what it addresses', () => {
    expect(() => parseGetTarget(['pods/x'])).toThrow('get lists TaskActions only: "pods" in "pods/x" is not a TaskAction type');
    expect(() => parseGetTarget(['ta/'])).toThrow('"ta/" names no TaskAction: write taskaction/NAME');
    expect(() => parseGetTarget(['ta/a/b'])).toThrow('"ta/a/b" names no TaskAction');
    expect(() => parseGetTarget(['ta/x', 'train'])).toThrow('taskaction/NAME names one object already; "train" is one argument too many');
    expect(() => parseGetTarget(['a', 'b', 'c'])).toThrow('get takes at most RUN and ACTION, got 3 arguments');
  });
});
