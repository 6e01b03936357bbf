import { UserError } from '../../../shared/errors/index.js';
import { checkExecutorPlacement, defaultExecutorImage, executorObjects, install, installObjects } from '../../../shared/install/index.js';
import { HttpKubeClient, type KubeObject, loadConnection } from '../../../shared/kube/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { parseDurationFlag } from '../../flags/duration-flag.js';
import { objectName } from '../../printers/object-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { SINGLE_OBJECT_FORMATS, renderSingleObjects } from '../../printers/single-objects-output.js';
import { type InstallFlags } from './command.js';
import { EXECUTOR_MANIFEST, INSTALL_MANIFESTS } from './install-manifests.js';

/** kubectl hides managedFields unless asked; a CRD's would be most of the output. */
function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...object, metadata };
}

/** Flags that only place the executor mean nothing without it: refused rather than ignored. */
function validateExecutorFlags(flags: InstallFlags): void {
  if (flags.withExecutor) return;
  if (flags.image !== undefined) throw new UserError('--image is the executor\'s image: add --with-executor');
  if (flags.namespace !== undefined) throw new UserError('-n places the executor, everything else install applies is cluster-wide: add --with-executor, or leave -n out');
}

/** The cluster-wide objects, then (with --with-executor) the executor's objects in `namespace`. */
function objectsToInstall(flags: InstallFlags, namespace: () => string): KubeObject[] {
  const objects = installObjects(INSTALL_MANIFESTS);
  if (!flags.withExecutor) return objects;
  const placement = { namespace: namespace(), image: flags.image ?? defaultExecutorImage() };
  checkExecutorPlacement(placement, { namespace: flags.namespace !== undefined ? '-n' : 'the context\'s namespace', image: '--image' });
  return [...objects, ...executorObjects(EXECUTOR_MANIFEST, placement)];
}

/** For a client dry run: -n, else the context's namespace when a kubeconfig is there (as kubectl), else default. */
function clientSideNamespace(flags: InstallFlags): string {
  if (flags.namespace !== undefined) return flags.namespace;
  try {
    return loadConnection(connectionFlags(flags)).namespace;
  } catch (error) {
    if (error instanceof UserError) return 'default';
    throw error;
  }
}

export async function runInstall(io: IOStreams, flags: InstallFlags): Promise<void> {
  const format = parseOutputFormat(flags.output, SINGLE_OBJECT_FORMATS);
  const timeoutMs = parseDurationFlag(flags.timeout, '--timeout');
  validateExecutorFlags(flags);

  if (flags.dryRun === 'client') {
    // Nothing is sent: this renders the manifests on a machine without any cluster.
    const objects = objectsToInstall(flags, () => clientSideNamespace(flags));
    io.out.write(format ? renderSingleObjects(objects, format) : objects.map((o) => `${objectName(o)} serverside-applied (dry run)\n`).join(''));
    return;
  }

  const connection = loadConnection(connectionFlags(flags, io.err));
  const objects = objectsToInstall(flags, () => connection.namespace);
  const client = new HttpKubeClient(connection);
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
