import { createWorkspace } from './workspace.js';

/** The fixtures the extension-host suite (test/ui/host/) works on. */
const HOST_FIXTURES = [
  'three-documents.yaml',
  'no-command.yaml',
  'bare-pod.yaml',
  'workflow.yaml',
  'files/pods.yaml',
  'files/cron.yml',
  'files/settings.yaml',
  'files/broken.yaml',
];

/** A new workspace folder for one run of the extension-host suite, whichever runner starts it. */
export function createHostWorkspace(parent: string): Promise<string> {
  return createWorkspace(parent, 'extension-host', HOST_FIXTURES);
}
