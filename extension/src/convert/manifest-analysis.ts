import { type Document } from 'yaml';
import { findWorkloadKind, inspectManifest, isPlainObject, isSequentialObject, type Possibility, TO_JS_OPTIONS, type TransformOptions, type WorkloadKind, yamlDocuments } from '../../../shared/convert/index.js';
import { type MissingCommandFinding, missingCommandFindings } from './missing-command-findings.js';
import { type RestartPolicyFinding, restartPolicyFindings } from './restart-policy-findings.js';

/** What the editor needs to know about one document of a manifest, computed once per text version. */
export interface AnalyzedDocument {
  index: number;
  /** The document's region of the text, as the core's `DocumentEdit` uses it. */
  start: number;
  end: number;
  /** `Kind/name` of its objects (several for a List). */
  objects: string[];
  /** Holds a v1 Pod, batch/v1 Job or batch/v1 CronJob: only those get actions. */
  workload: boolean;
  /** Holds a workload marked as converted to sequential containers. */
  sequential: boolean;
  convert: Possibility;
  revert: Possibility;
  restartPolicy: RestartPolicyFinding[];
  /** Containers of workloads not yet converted that have no command (why convert refuses), with their fix. */
  missingCommands: MissingCommandFinding[];
}

/**
 * The core's per-document inspection (can it be converted or reverted, and why not) joined with the kind of
 * each document, so the editor can leave YAML that is not a workload alone instead of offering disabled
 * actions on every GitHub workflow or Helm values file.
 */
export function analyzeManifest(text: string, options: TransformOptions = {}): AnalyzedDocument[] {
  const inspections = inspectManifest(text, options);
  const facts = new Map<number, Pick<AnalyzedDocument, 'workload' | 'sequential' | 'restartPolicy' | 'missingCommands'>>();
  for (const source of yamlDocuments(text)) {
    const workloads = workloadsOf(valueOf(source.doc));
    const converted = workloads.filter((w) => isSequentialObject(w.object));
    facts.set(source.index, {
      workload: workloads.length > 0,
      sequential: converted.length > 0,
      restartPolicy: converted.flatMap((w) => restartPolicyFindings(source.doc, text, w.object, w.prefix)),
      missingCommands: workloads.filter((w) => !isSequentialObject(w.object)).flatMap((w) => missingCommandFindings(source.doc, text, w.kind, w.prefix)),
    });
  }
  return inspections.map((inspection) => ({
    index: inspection.index,
    start: inspection.start,
    end: inspection.end,
    objects: inspection.objects,
    convert: inspection.convert,
    revert: inspection.revert,
    ...(facts.get(inspection.index) ?? { workload: false, sequential: false, restartPolicy: [], missingCommands: [] }),
  }));
}

function valueOf(doc: Document.Parsed): unknown {
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS(TO_JS_OPTIONS);
  } catch {
    // Too many aliases: the inspection already explains why the document cannot be converted.
    return undefined;
  }
}

/** The workload objects of a document, with the path of each inside the document (items of a v1 List). */
function workloadsOf(value: unknown): { object: unknown; kind: WorkloadKind; prefix: (string | number)[] }[] {
  if (isPlainObject(value) && value['apiVersion'] === 'v1' && value['kind'] === 'List' && Array.isArray(value['items'])) {
    return value['items'].flatMap((item, i) => {
      const kind = findWorkloadKind(item);
      return kind === undefined ? [] : [{ object: item, kind, prefix: ['items', i] }];
    });
  }
  const kind = findWorkloadKind(value);
  return kind === undefined ? [] : [{ object: value, kind, prefix: [] }];
}
