import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzConvert, fuzzEnqueueInput } from '../../fuzz/fuzz-oracles.js';
import { manifestInput, requestBody } from '../../fuzz/manifest-generator.js';
import { ServeFuzzTarget } from '../../fuzz/serve-oracle.js';

const CORPUS = path.resolve('test/fixtures/fuzz');
/** Fixed so CI runs the same inputs every time; `npm run fuzz` explores with new seeds. */
const SEED = 20261203;

describe('fuzzing: the seeded corpus', () => {
  const files = readdirSync(CORPUS).filter((name) => /\.(ya?ml|json)$/.test(name));
  it.each(files)('%s: no crash, valid output, round trip', (name) => {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    expect(fuzzConvert(text)).toBeUndefined();
    expect(fuzzEnqueueInput(text)).toBeUndefined();
  });
});

describe('fuzzing: generated inputs (property tests)', () => {
  it('convert and revert never crash, never print invalid output, and round-trip what they accept', () => {
    fc.assert(
      fc.property(manifestInput, (text) => {
        expect(fuzzConvert(text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, 120_000);

  it('enqueue input parsing refuses or yields plain data', () => {
    fc.assert(
      fc.property(manifestInput, (text) => {
        expect(fuzzEnqueueInput(text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, 120_000);

  describe('serve request decoding', () => {
    let target: ServeFuzzTarget;
    beforeAll(async () => {
      target = await ServeFuzzTarget.start();
    });
    afterAll(() => target.close());

    it('answers malformed protobuf with a client error, never internal or HTTP 500', async () => {
      await fc.assert(
        fc.asyncProperty(requestBody, async (body) => {
          expect(await target.check(body)).toBeUndefined();
        }),
        { seed: SEED, numRuns: 150 },
      );
    }, 120_000);
  });
});
