import { runningStep, type RunningStepReport } from '../../../shared/convert/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, Informer, isPodFinished, loadConnection, type Pod, PODS } from '../../../shared/kube/index.js';
import { type IOStreams, isTerminal } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { renderStepStatus } from '../../printers/step-status.js';
import { renderYaml } from '../../printers/object-output.js';
import { type OutputFormat, parseOutputFormat } from '../../printers/output-format.js';
import { renderCustomColumns, renderJsonPath } from '../../printers/template-output.js';
import { type StatusFlags } from './command.js';

/** `NAME`, `pod/NAME`, `pods/NAME` or `po/NAME`. */
function parsePodTarget(target: string): string {
  const slash = target.indexOf('/');
  if (slash < 0) return target;
  const kind = target.slice(0, slash).toLowerCase();
  const name = target.slice(slash + 1);
  if (!['pod', 'pods', 'po'].includes(kind) || !name) {
    throw new UserError(`"${target}" is not a Pod`, {}, 'status shows the steps of a Pod: give NAME or pod/NAME (for a Job, use the name of one of its Pods)');
  }
  return name;
}

type StatusFormat = OutputFormat<'json' | 'yaml'>;

function render(pod: Pod, namespace: string, name: string, output: StatusFormat | undefined): string {
  const report: RunningStepReport = runningStep(pod);
  if (report.noRunningStep === 'not-sequential') {
    throw new UserError(
      `pod ${namespace}/${name} is not a sequential Pod (it has no norbjd.github.io/kueueleuleu: "true" annotation)`,
      {},
      'create it from a converted manifest: kubectl kueue convert -f pod.yaml | kubectl apply -f -',
    );
  }
  if (output?.kind === 'jsonpath') return renderJsonPath([report], output.flag, output.template, { asList: false });
  if (output?.kind === 'custom-columns') return renderCustomColumns([report], output.flag, output.columns);
  if (output?.name === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (output?.name === 'yaml') return renderYaml(report);
  return renderStepStatus(namespace, name, report);
}

export async function runStatus(io: IOStreams, target: string, flags: StatusFlags): Promise<void> {
  const output: StatusFormat | undefined = parseOutputFormat(flags.output, ['json', 'yaml'] as const);
  const name = parsePodTarget(target);
  const connection = loadConnection(connectionFlags(flags, io.err));
  const namespace = connection.namespace;
  const client = new HttpKubeClient(connection);
  try {
    const pod = await client.get<Pod>(PODS, namespace, name);
    let shown = render(pod, namespace, name, output);
    io.out.write(shown);
    if (!flags.watch || isPodFinished(pod)) return;
    await watchUntilFinished(client, namespace, name, (next) => {
      const text = render(next, namespace, name, output);
      if (text === shown) return;
      if (isTerminal(io.out)) {
        // Redraw in place, like `kubectl get -w` on a terminal would if it could.
        io.out.write(`\u001b[${shown.split('\n').length - 1}A\u001b[J`);
      } else {
        io.out.write('\n');
      }
      io.out.write(text);
      shown = text;
    });
  } finally {
    client.close();
  }
}

function watchUntilFinished(client: HttpKubeClient, namespace: string, name: string, show: (pod: Pod) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const informer = new Informer<Pod>(client, PODS, { namespace, fieldSelector: `metadata.name=${name}` });
    informer.addListener({
      onEvent(type, pod) {
        try {
          if (type === 'deleted') {
            informer.stop();
            reject(new UserError(`pod ${namespace}/${name} was deleted`));
            return;
          }
          show(pod);
          if (isPodFinished(pod)) {
            informer.stop();
            resolve();
          }
        } catch (err) {
          informer.stop();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      },
    });
    informer.start();
  });
}
