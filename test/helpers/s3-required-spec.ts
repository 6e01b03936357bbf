/**
 * Spec fields Flyte's S3 TaskAction CRD requires beyond the run and action names, with placeholder values: objects
 * that carry them are valid under every CRD the cluster suites run with (ours, Flyte's S3 and HEAD).
 */
export const S3_REQUIRED_FIELDS = {
  org: 'o',
  inputUri: 's3://b/in',
  runOutputBase: 's3://b/out',
  taskType: 'container',
  taskTemplate: 'AA==',
} as const;
