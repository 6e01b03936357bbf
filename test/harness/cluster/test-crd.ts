import path from 'node:path';
import { repoRoot } from '../repo-root.js';

/**
 * Which TaskAction CRD a test cluster serves: ours (`crds/`), or Flyte's own schema at its last queue-service shape
 * (`flyte-s3`) or today's (`flyte-head`), from `test/fixtures/crds/`. Under Flyte's the API server prunes the fields
 * it does not list, and the suites must still pass.
 */
export type TestCrd = 'ours' | 'flyte-s3' | 'flyte-head';

export const TEST_CRDS: readonly TestCrd[] = ['ours', 'flyte-s3', 'flyte-head'];

function isTestCrd(value: string): value is TestCrd {
  return (TEST_CRDS as readonly string[]).includes(value);
}

/** `KUEUE_TEST_CRD` (default `ours`); anything else is a mistake worth stopping the run for. */
export function testCrdFromEnv(env: NodeJS.ProcessEnv = process.env): TestCrd {
  const value = env['KUEUE_TEST_CRD'] ?? 'ours';
  if (!isTestCrd(value)) throw new Error(`KUEUE_TEST_CRD=${value} is not one of ${TEST_CRDS.join(', ')}`);
  return value;
}

/** The vitest project `cluster-flyte-s3` runs under `flyte-s3`, and so on; plain `cluster` follows KUEUE_TEST_CRD. */
export function testCrdOfProject(projectName: string): TestCrd {
  const suffix = projectName.replace(/^(cluster|ui)-?/, '');
  return suffix !== '' && isTestCrd(suffix) ? suffix : testCrdFromEnv();
}

/** The file holding the TaskAction CRD of that kind (ours also lives beside the RBAC manifests). */
export function testCrdFile(crd: TestCrd): string {
  return crd === 'ours' ? path.join(repoRoot(), 'crds', 'taskactions.flyte.org.yaml') : path.join(repoRoot(), 'test', 'fixtures', 'crds', `${crd}.yaml`);
}
