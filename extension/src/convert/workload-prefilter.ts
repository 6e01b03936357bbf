import { WORKLOAD_KINDS } from '../../../shared/convert/index.js';

const KIND_PATTERN = new RegExp(`["']?kind["']?\\s*:\\s*["']?(?:${[...new Set(WORKLOAD_KINDS.map((k) => k.kind))].join('|')})\\b`);

/**
 * A cheap test run before the YAML layer is loaded: most YAML files a developer opens (CI workflows, Helm
 * values, compose files) hold no Pod, Job or CronJob, and for those the extension never loads the parser.
 * It may say yes for a file without a workload (a comment mentioning `kind: Pod`); the analysis decides then.
 */
export function mayContainWorkload(text: string): boolean {
  return KIND_PATTERN.test(text);
}
