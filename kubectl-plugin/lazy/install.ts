import { install } from '../../shared/install/install.js';
import { installObjects } from '../../shared/install/install-objects.js';
import { parseDuration } from '../../shared/kube/duration.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { type InstallOptions } from '../commands/install.js';
import { connectionFlags } from '../connection-options.js';
import { INSTALL_MANIFESTS } from '../install-manifests.js';
import { objectName, parseObjectFormat, renderObjects } from '../printers/object-output.js';

/** kubectl hides managedFields unless asked; a CRD's would be most of the output. */
function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...object, metadata };
}

export async function runInstall(options: InstallOptions): Promise<void> {
  const format = parseObjectFormat(options.output);
  const timeoutMs = parseDuration(options.timeout, '--timeout');
  const objects = installObjects(INSTALL_MANIFESTS);

  if (options.dryRun === 'client') {
    // Nothing is read, not even the kubeconfig: this renders the manifests on a machine without any cluster.
    process.stdout.write(format ? renderObjects(objects, format) : objects.map((o) => `${objectName(o)} serverside-applied (dry run)\n`).join(''));
    return;
  }

  const client = new HttpKubeClient(loadConnection(connectionFlags(options)));
  const suffix = options.dryRun === 'server' ? ' (server dry run)' : '';
  try {
    const installed = await install(client, objects, {
      dryRun: options.dryRun === 'server',
      timeoutMs,
      // One line per object as soon as it is applied: if a later one fails, the user still sees what was done.
      onApplied: ({ object, outcome }) => {
        if (format === undefined) process.stdout.write(`${objectName(object)} ${outcome}${suffix}\n`);
        else if (format === 'name') process.stdout.write(renderObjects([object], 'name'));
      },
    });
    if (format === 'yaml' || format === 'json') process.stdout.write(renderObjects(installed.map((i) => withoutManagedFields(i.object)), format));
  } finally {
    client.close();
  }
}
