import { describe, expect, it } from 'vitest';
import { mayContainWorkload } from '../../../extension/src/convert/workload-prefilter.js';

describe('mayContainWorkload', () => {
  it('says yes for Pods, Jobs and CronJobs in YAML block, flow and JSON style', () => {
    for (const text of ['kind: Pod\n', 'kind:   Job', "kind: 'CronJob'", '{kind: Pod, apiVersion: v1}', '{"kind": "Job"}', 'items:\n- kind: CronJob\n']) {
      expect(mayContainWorkload(text), text).toBe(true);
    }
  });

  it('says no for other kinds and for YAML that is not Kubernetes', () => {
    for (const text of ['kind: ConfigMap\n', 'kind: PodDisruptionBudget\n', 'kind: JobSet\n', 'jobs:\n  test:\n    runs-on: ubuntu-latest\n', '']) {
      expect(mayContainWorkload(text), text).toBe(false);
    }
  });
});
