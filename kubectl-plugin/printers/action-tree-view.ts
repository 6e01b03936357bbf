import { elapsed, humanDuration } from '../../shared/format/index.js';
import { type ActionTreeNode } from '../../shared/queue/index.js';
import { actionTimes, CONDITION_FAILED, CONDITION_PROGRESSING, displayPhase, findCondition } from '../../shared/task-action/index.js';
import { phaseIcon, phaseText } from './phase-icon.js';
import { renderTable } from './table.js';
import { type TerminalStyle } from './terminal-style.js';

function glyphs(style: TerminalStyle) {
  return style.unicode ? { tee: '├─ ', last: '└─ ', pipe: '│  ', blank: '   ' } : { tee: '|- ', last: '`- ', pipe: '|  ', blank: '   ' };
}

function reasonOf(node: ActionTreeNode): string {
  const conditions = node.action.status?.conditions;
  const failed = findCondition(conditions, CONDITION_FAILED);
  if (failed?.status === 'True') return failed.message;
  return findCondition(conditions, CONDITION_PROGRESSING)?.status === 'True' ? findCondition(conditions, CONDITION_PROGRESSING)?.message ?? '' : '';
}

/**
 * kubectl-tree's layout with argo's phase icons: one row per action, nested by ownerReference, with its
 * phase, task type, how long it ran (or has been running) and its age.
 */
export function renderActionTree(trees: readonly ActionTreeNode[], style: TerminalStyle, now = Date.now()): string {
  const g = glyphs(style);
  const rows: string[][] = [];
  const visit = (node: ActionTreeNode, prefix: string, isLast: boolean, depth: number) => {
    const phase = displayPhase(node.action);
    const branch = depth === 0 ? '' : isLast ? g.last : g.tee;
    const times = actionTimes(node.action);
    const ran = elapsed(times.startedAt, times.finishedAt, now);
    const age = elapsed(node.action.metadata.creationTimestamp, undefined, now);
    rows.push([
      `${prefix}${branch}${phaseIcon(phase, style)} ${node.action.spec.actionName}`,
      phaseText(phase, style),
      node.action.spec.taskType ?? '',
      phase === 'Pending' || ran === undefined ? '' : humanDuration(ran),
      age === undefined ? '' : humanDuration(age),
      reasonOf(node),
    ]);
    const childPrefix = depth === 0 ? '' : prefix + (isLast ? g.blank : g.pipe);
    node.children.forEach((child, i) => visit(child, childPrefix, i === node.children.length - 1, depth + 1));
  };
  trees.forEach((root) => visit(root, '', true, 0));
  return renderTable(['action', 'status', 'tasktype', 'duration', 'age', 'message'], rows);
}
