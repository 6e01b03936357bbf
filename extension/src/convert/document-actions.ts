import { type TransformMode } from '../../../shared/convert/index.js';
import { type AnalyzedDocument } from './manifest-analysis.js';
import { shortReason } from './short-reason.js';

/** A code action or command the editor offers for a selection, before any edit is computed. */
export interface PlannedAction {
  mode: TransformMode;
  title: string;
  /** The documents the action rewrites; empty when disabled. */
  targets: AnalyzedDocument[];
  /** Set when the action is shown but cannot run: why (from the core). */
  disabledReason?: string;
}

export const ACTION_TITLES: Record<TransformMode, string> = {
  convert: 'Convert to sequential containers',
  revert: 'Revert to parallel containers',
};

/**
 * Which code actions to offer for the selected documents: each direction that at least one selected
 * workload document can go, or, when none can go either way, the one that fits the documents (revert for
 * converted ones) shown disabled with the core's reason. Documents that are not Pods, Jobs or CronJobs get
 * nothing, so YAML files of other kinds are left alone.
 */
export function planActions(selected: readonly AnalyzedDocument[]): PlannedAction[] {
  const workloads = selected.filter((d) => d.workload);
  if (workloads.length === 0) return [];
  const plans: PlannedAction[] = [];
  for (const mode of ['convert', 'revert'] as const) {
    const targets = workloads.filter((d) => d[mode].possible);
    if (targets.length > 0) plans.push({ mode, title: titleFor(mode, targets.length), targets });
  }
  if (plans.length > 0) return plans;
  const mode: TransformMode = workloads.some((d) => d.sequential) ? 'revert' : 'convert';
  const first = mode === 'revert' ? workloads.find((d) => d.sequential) : workloads[0];
  const reason = reasonOf(first, mode);
  // VS Code's Refactor menu greys a disabled action out but shows only its title, so the title says why too.
  return [{ mode, title: `${ACTION_TITLES[mode]} (${shortReason(reason)})`, targets: [], disabledReason: reason }];
}

/** What an explicit command does with the selected documents: the documents to rewrite, or why it cannot. */
export function planCommand(selected: readonly AnalyzedDocument[], mode: TransformMode): { targets: AnalyzedDocument[] } | { reason: string } {
  const workloads = selected.filter((d) => d.workload);
  if (workloads.length === 0) {
    return { reason: 'the document under the cursor is not a v1 Pod, batch/v1 Job or batch/v1 CronJob' };
  }
  const targets = workloads.filter((d) => d[mode].possible);
  return targets.length > 0 ? { targets } : { reason: reasonOf(workloads[0], mode) };
}

/**
 * The documents a selection touches. A cursor belongs to the document whose region holds it (one past the
 * last document belongs to the last); a selection touches every document it overlaps.
 */
export function documentsInSelection(documents: readonly AnalyzedDocument[], start: number, end: number): AnalyzedDocument[] {
  if (start === end) {
    const at = documents.find((d) => start < d.end) ?? documents[documents.length - 1];
    return at === undefined ? [] : [at];
  }
  return documents.filter((d) => start < d.end && end > d.start);
}

function reasonOf(document: AnalyzedDocument | undefined, mode: TransformMode): string {
  const possibility = document?.[mode];
  return possibility !== undefined && !possibility.possible ? possibility.reason : 'nothing to change';
}

function titleFor(mode: TransformMode, count: number): string {
  return count === 1 ? ACTION_TITLES[mode] : `${ACTION_TITLES[mode]} (${count} documents)`;
}
