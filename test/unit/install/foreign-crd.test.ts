import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crdReplacementChanges, isForeignCrd } from '../../../shared/install/foreign-crd.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';

const load = (file: string) => parse(readFileSync(file, 'utf8')) as KubeObject;
const ours = load('crds/taskactions.flyte.org.yaml');
const s3 = load('test/fixtures/crds/flyte-s3.yaml');
const head = load('test/fixtures/crds/flyte-head.yaml');

describe('a TaskAction CRD that is not ours', () => {
  it('is told apart by the label install puts on ours', () => {
    expect(isForeignCrd(ours)).toBe(false);
    expect(isForeignCrd(s3)).toBe(true);
    expect(isForeignCrd(head)).toBe(true);
  });

  it('replacing Flyte’s S3 CRD keeps the fields it pruned and no longer requires org and the S3 fields', () => {
    const changes = crdReplacementChanges(s3, ours);
    expect(changes[0]).toBe(
      'keeps fields it now prunes: spec.actionType, spec.cacheKey, spec.conditionSpec, spec.envVars, spec.group, spec.interruptible, ' +
        'status.attempts, status.cacheStatus, status.errorState, status.errorState.code, status.errorState.kind, status.errorState.message, ' +
        'status.signalValue, status.signalledAt, status.signalledBy, status.systemFailures',
    );
    expect(changes).toContain('no longer requires: spec.inputUri, spec.org, spec.runOutputBase, spec.taskTemplate, spec.taskType');
    expect(changes.at(-1)).toMatch(/^takes over the labels and printer columns/);
  });

  it('replacing Flyte’s current CRD keeps org, and says nothing about what is the same', () => {
    const changes = crdReplacementChanges(head, ours);
    expect(changes[0]).toBe('keeps fields it now prunes: spec.org');
    expect(changes.filter((c) => /prunes fields it now keeps|requires/.test(c))).toEqual([]);
  });

  it('names the fields the other way round too', () => {
    expect(crdReplacementChanges(ours, s3)).toContain('prunes fields it now keeps: spec.actionType, spec.cacheKey, spec.conditionSpec, spec.envVars, spec.group, spec.interruptible, status.attempts, status.cacheStatus, status.errorState, status.errorState.code, status.errorState.kind, status.errorState.message, status.signalValue, status.signalledAt, status.signalledBy, status.systemFailures');
  });
});
