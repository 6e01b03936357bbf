import { install, installObjects } from '../../../shared/install/index.js';
import { HttpKubeClient, type KubeObject, loadConnection } from '../../../shared/kube/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { objectName } from '../../printers/object-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { SINGLE_OBJECT_FORMATS, renderSingleObjects } from '../../printers/single-objects-output.js';
import { type InstallFlags } from './command.js';
import { INSTALL_MANIFESTS } from './install-manifests.js';

/** kubectl hides managedFields unless asked; a CRD's would be most of the output. */
function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...object, metadata };
}

export async function runInstall(io: IOStreams, flags: InstallFlags): Promise<void> {
  const format = parseOutputFormat(flags.output, SINGLE_OBJECT_FORMATS);
  const timeoutMs = parseDurationFlag(flags.timeout, '--timeout');
  const objects = installObjects(INSTALL_MANIFESTS);

  if (flags.dryRun === 'client') {
    // Nothing is read, not even the kubeconfig: this renders the manifests on a machine without any cluster.
    io.out.write(format ? renderSingleObjects(objects, format) : objects.map((o) => `${objectName(o)} serverside-applied (dry run)\n`).join(''));
    return;
  }

  const client = new HttpKubeClient(loadConnection(connectionFlags(flags, io.err)));
  const suffix = flags.dryRun === 'server' ? ' (server dry run)' : '';
  try {
    const installed = await install(client, objects, {
      dryRun: flags.dryRun === 'server',
      timeoutMs,
      force: flags.force === true,
      onReplacing: (name, changes) => io.err.write(`Warning: CustomResourceDefinition ${name} is not kueue's; replacing it${suffix}:\n${changes.map((c) => `  - ${c}\n`).join('')}`),
      // One line per object as soon as it is applied: if a later one fails, the user still sees what was done.
      onApplied: ({ object, outcome }) => {
        if (format === undefined) io.out.write(`${objectName(object)} ${outcome}${suffix}\n`);
        else if (format.kind === 'builtin' && format.name === 'name') io.out.write(renderSingleObjects([object], format));
      },
    });
    if (format !== undefined && !(format.kind === 'builtin' && format.name === 'name')) io.out.write(renderSingleObjects(installed.map((i) => withoutManagedFields(i.object)), format));
  } finally {
    client.close();
  }
}
