// The extension-host suite: VS Code loads this bundle as `extensionTestsPath` and calls run(). Test files
// register themselves on import, in this order (activation first: it checks what is loaded before anything
// else asks for it).
import './activation.host.js';
import './convert-actions.host.js';
import './convert-files.host.js';
import './restart-policy.host.js';
import './cluster-settings.host.js';
import { runHostTests } from './host-test.js';

export function run(): Promise<void> {
  return runHostTests();
}
