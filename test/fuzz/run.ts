// The long fuzz run (`npm run fuzz`): generated manifests through convert, revert and enqueue's input parsing,
// generated request bodies through serve, for a while; prints the counts and writes every finding to
// test-results/fuzz/ to be replayed (and added to test/fixtures/fuzz/). Exit code 1 when anything was found.
//   npm run fuzz -- [--seconds 120] [--seed N]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { type Finding, fuzzConvert, fuzzEnqueueInput } from './fuzz-oracles.js';
import { manifestInput, requestBody } from './manifest-generator.js';
import { ServeFuzzTarget } from './serve-oracle.js';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? undefined : Number(process.argv[at + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const seconds = flag('seconds', 120);
const seed = flag('seed', Date.now() % 1_000_000_007);
const deadline = Date.now() + seconds * 1000;
const outDir = path.resolve('test-results/fuzz');
const counts = { manifests: 0, accepted: 0, requestBodies: 0, crashes: 0, slow: 0, invalidOutputs: 0, roundTripChanges: 0, largestInputBytes: 0 };
const findings: Finding[] = [];

function record(finding: Finding | undefined): void {
  if (finding === undefined) return;
  if (finding.kind === 'crash') counts.crashes++;
  else if (finding.kind === 'slow') counts.slow++;
  else if (finding.kind === 'invalid-output') counts.invalidOutputs++;
  else counts.roundTripChanges++;
  if (findings.length < 200) findings.push(finding);
}

async function main(): Promise<void> {
  const serve = await ServeFuzzTarget.start();
  const stats = { accepted: 0 };
  let batch = 0;
  while (Date.now() < deadline) {
    for (const text of fc.sample(manifestInput, { numRuns: 200, seed: seed + batch })) {
      counts.manifests++;
      counts.largestInputBytes = Math.max(counts.largestInputBytes, Buffer.byteLength(text));
      record(fuzzConvert(text, stats));
      record(fuzzEnqueueInput(text));
    }
    for (const body of fc.sample(requestBody, { numRuns: 50, seed: seed + batch })) {
      counts.requestBodies++;
      record(await serve.check(body));
    }
    batch++;
  }
  await serve.close();
  counts.accepted = stats.accepted;

  mkdirSync(outDir, { recursive: true });
  findings.forEach((finding, i) => writeFileSync(path.join(outDir, `${i}-${finding.target}-${finding.kind}.txt`), `${finding.detail}\n\n${finding.input}`));
  process.stdout.write(`fuzz: seed ${seed}, ${seconds} s\n`);
  for (const [name, value] of Object.entries(counts)) process.stdout.write(`  ${name}: ${value}\n`);
  if (findings.length > 0) process.stdout.write(`findings written to ${outDir}\n`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}

void main();
