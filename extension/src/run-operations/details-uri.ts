import * as vscode from 'vscode';
import { objectKey, splitObjectKey } from '../../../shared/kube/index.js';
import { type TaskAction } from '../../../shared/task-action/index.js';

/** `kueue-details:/<namespace>/<name>.details` (an action) or `.run-details` (its run): what `describe` shows. */
export const DETAILS_SCHEME = 'kueue-details';

export type DetailsScope = 'action' | 'run';

export interface DetailsTarget {
  namespace: string;
  /** The TaskAction's object name; for a run, its root's. */
  name: string;
  scope: DetailsScope;
}

const SUFFIX: Record<DetailsScope, string> = { action: '.details', run: '.run-details' };

export function detailsUri(action: TaskAction, scope: DetailsScope): vscode.Uri {
  return vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${objectKey(action)}${SUFFIX[scope]}` });
}

export function detailsTarget(uri: vscode.Uri): DetailsTarget {
  const { namespace, name } = splitObjectKey(uri.path.slice(1));
  const scope: DetailsScope = name.endsWith(SUFFIX.run) ? 'run' : 'action';
  return { namespace, name: name.slice(0, name.length - SUFFIX[scope].length), scope };
}
