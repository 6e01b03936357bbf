import { describe, expect, it } from 'vitest';
import { documentsInSelection, planActions, planCommand } from '../../../extension/src/convert/document-actions.js';
import { type AnalyzedDocument, analyzeManifest } from '../../../extension/src/convert/manifest-analysis.js';
import { shortReason } from '../../../extension/src/convert/short-reason.js';

const possible = { possible: true } as const;
const impossible = (reason: string) => ({ possible: false, reason }) as const;

function doc(index: number, start: number, end: number, facts: Partial<AnalyzedDocument> = {}): AnalyzedDocument {
  return { index, start, end, objects: [], workload: true, sequential: false, convert: possible, revert: impossible('not converted'), restartPolicy: [], missingCommands: [], ...facts };
}

const pod = doc(0, 0, 100);
const converted = doc(1, 100, 200, { sequential: true, convert: impossible('already converted to sequential containers: ...'), revert: possible });
const configMap = doc(2, 200, 300, { workload: false, convert: impossible('v1 ConfigMap is not a v1 Pod, batch/v1 Job or batch/v1 CronJob') });
const noCommand = doc(3, 300, 400, { convert: impossible('container "step2" has no command: the sequential entrypoint must be told what to run') });
const all = [pod, converted, configMap, noCommand];

describe('documentsInSelection', () => {
  it('gives the document holding a cursor, and the last one for a cursor past the end', () => {
    expect(documentsInSelection(all, 150, 150)).toEqual([converted]);
    expect(documentsInSelection(all, 100, 100)).toEqual([converted]);
    expect(documentsInSelection(all, 999, 999)).toEqual([noCommand]);
    expect(documentsInSelection([], 0, 0)).toEqual([]);
  });

  it('gives every document a selection overlaps, not the one it ends at the start of', () => {
    expect(documentsInSelection(all, 50, 250).map((d) => d.index)).toEqual([0, 1, 2]);
    expect(documentsInSelection(all, 0, 200).map((d) => d.index)).toEqual([0, 1]);
  });
});

describe('planActions', () => {
  it('offers convert on a convertible workload and revert on a converted one', () => {
    expect(planActions([pod])).toEqual([{ mode: 'convert', title: 'Convert to sequential containers', targets: [pod] }]);
    expect(planActions([converted])).toEqual([{ mode: 'revert', title: 'Revert to parallel containers', targets: [converted] }]);
  });

  it('offers nothing for documents that are not workloads', () => {
    expect(planActions([configMap])).toEqual([]);
  });

  it('offers both directions for a selection of both kinds, counting documents', () => {
    const two = doc(4, 400, 500);
    expect(planActions([pod, two, converted, configMap]).map((p) => [p.mode, p.title, p.targets.length])).toEqual([
      ['convert', 'Convert to sequential containers (2 documents)', 2],
      ['revert', 'Revert to parallel containers', 1],
    ]);
  });

  it('shows the action disabled with the core reason, and its subject in the title', () => {
    expect(planActions([noCommand])).toEqual([
      {
        mode: 'convert',
        title: 'Convert to sequential containers (container "step2" has no command)',
        targets: [],
        disabledReason: 'container "step2" has no command: the sequential entrypoint must be told what to run',
      },
    ]);
  });

  it('shows revert disabled for a converted document that cannot be reverted', () => {
    const stuck = doc(5, 0, 10, { sequential: true, convert: impossible('already converted to sequential containers: x'), revert: impossible('container "a" has no command line to restore: y') });
    expect(planActions([stuck])).toMatchObject([{ mode: 'revert', disabledReason: 'container "a" has no command line to restore: y', title: 'Revert to parallel containers (container "a" has no command line to restore)' }]);
  });
});

describe('planCommand', () => {
  it('targets the documents that can go the asked way', () => {
    expect(planCommand([pod, converted, noCommand], 'convert')).toEqual({ targets: [pod] });
    expect(planCommand([pod, converted], 'revert')).toEqual({ targets: [converted] });
  });

  it('says why not', () => {
    expect(planCommand([configMap], 'convert')).toEqual({ reason: 'the document under the cursor is not a v1 Pod, batch/v1 Job or batch/v1 CronJob' });
    expect(planCommand([noCommand], 'convert')).toEqual({ reason: noCommand.convert.possible ? '' : noCommand.convert.reason });
    expect(planCommand([pod], 'revert')).toEqual({ reason: 'not converted' });
  });
});

describe('shortReason', () => {
  it('keeps the subject of a message and bounds its length', () => {
    expect(shortReason('container "step2" has no command: the entrypoint must know')).toBe('container "step2" has no command');
    expect(shortReason('no colon here')).toBe('no colon here');
    expect(shortReason('x'.repeat(200))).toHaveLength(80);
  });
});

describe('a Helm template in the editor', () => {
  it('gets a disabled action that says it is a template', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n  - name: a\n    command: [x]\n';
    const [plan] = planActions(analyzeManifest(text));
    expect(plan?.targets).toEqual([]);
    expect(plan?.disabledReason).toBe('this is a Helm template ({{ ... }}), not a manifest');
  });
});
