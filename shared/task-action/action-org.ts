import { LABEL_ORG } from './labels.js';
import { type TaskAction } from './types.js';

/**
 * The organisation of an action: `spec.org`, or its `flyte.org/org` label where the CRD pruned the field (Flyte's
 * current CRD has no `org`; labels are kept by every CRD). Undefined when neither says.
 */
export function actionOrg(action: TaskAction): string | undefined {
  const org = action.spec.org;
  if (org !== undefined && org !== '') return org;
  const label = action.metadata.labels?.[LABEL_ORG];
  return label !== undefined && label !== '' ? label : undefined;
}
