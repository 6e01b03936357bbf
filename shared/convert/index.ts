// The sequential-containers core, as the kubectl plugin and the VS Code extension use it.
export { convertCronJob, convertJob, convertObject, convertPod } from './convert-object.js';
export { revertCronJob, revertJob, revertObject, revertPod } from './revert-object.js';
export { type TransformMode, type TransformOptions, transformObject } from './object-transform.js';
export type { ConversionWarning, ConvertOptions, ObjectOutcome, RevertOptions, TransformedObject } from './conversion-types.js';
export { type NoRunningStep, type RunningStepReport, type StepInfo, type StepState, runningStep } from './running-step.js';
export { isSequentialObject, hasSequentialAnnotation } from './sequential-marker.js';
export {
  DEFAULT_ENTRYPOINT_IMAGE,
  PREPARE_CONTAINER_NAME,
  SEQUENTIAL_ANNOTATION,
  SEQUENTIAL_ANNOTATION_VALUE,
} from './sequential-constants.js';
export { ORIGINAL_COMMANDS_ANNOTATION, ORIGINAL_EMPTY_FIELDS_ANNOTATION } from './original-record.js';
export {
  type ManifestOptions,
  type ManifestResult,
  type ManifestSink,
  type ManifestSummary,
  convertManifest,
  revertManifest,
  transformManifest,
  transformManifestInto,
} from './manifest-transform.js';
export { type ObjectReport } from './document-transform.js';
export { YamlOutputCheck, checkManifestOutput } from './output-check.js';
export { fingerprintOf } from './value-fingerprint.js';
export { type DocumentEdit, transformDocumentAt } from './document-at-offset.js';
export { type DocumentInspection, type Possibility, inspectManifest } from './manifest-inspection.js';
export { type ManifestFormat, checkManifestText, decodeManifest, detectFormat } from './manifest-text.js';
export type { JsonObject, JsonValue } from './json-value.js';
// Lower-level pieces the editor uses to analyse a manifest and place its diagnostics and edits.
export { documentAt } from './document-at-offset.js';
export { fieldOffset } from './field-location.js';
export { fieldPosition } from './field-position.js';
export { getAt } from './field-path.js';
export { isPlainObject } from './json-value.js';
export { objectLabel } from './object-label.js';
export { throwUserErrors, userErrorsOf } from './problems.js';
export { restartPolicyWarning } from './restart-policy-warning.js';
export { POD_KIND, WORKLOAD_KINDS, type WorkloadKind, findWorkloadKind } from './workload-kinds.js';
export { yamlDocuments } from './yaml-document-stream.js';
export { yamlErrorMessage } from './yaml-error-message.js';
export { TO_JS_OPTIONS } from './yaml-settings.js';
