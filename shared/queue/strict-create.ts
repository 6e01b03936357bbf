import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

/** The spec fields a 400 answer to a `fieldValidation=Strict` write names as undeclared by the CRD, if that is the answer. */
export function undeclaredSpecFields(err: unknown): string[] | undefined {
  if (!isKubeApiError(err) || err.code !== 400 || !err.message.includes('strict decoding error')) return undefined;
  const fields = [...err.message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1] ?? '');
  // Only fields we write directly below spec can be left out; anything else is a real error.
  if (fields.length === 0 || !fields.every((f) => /^spec\.[A-Za-z]+$/.test(f))) return undefined;
  return fields.map((f) => f.slice('spec.'.length));
}

function withoutSpecFields(object: TaskAction, fields: ReadonlySet<string>): TaskAction {
  if (fields.size === 0) return object;
  const spec = Object.fromEntries(Object.entries(object.spec).filter(([key]) => !fields.has(key))) as unknown as TaskAction['spec'];
  return { ...object, spec };
}

/**
 * Creates TaskActions with `fieldValidation=Strict`, so the API server refuses what its CRD does not declare
 * instead of pruning it in silence. Flyte's CRDs lack some fields we write (S3: envVars, interruptible, ...;
 * the current one: org): those are learnt from the first refusal, left out of this and later creates, and the
 * create is sent again; the caller then sees them missing from the answer and warns about the ones that matter.
 */
export class StrictTaskActionCreator {
  private readonly undeclared = new Set<string>();

  constructor(private readonly client: KubeClient) {}

  async create(namespace: string, wanted: TaskAction, dryRun: boolean | undefined): Promise<TaskAction> {
    for (;;) {
      try {
        return await this.client.create<TaskAction>(TASKACTIONS, namespace, withoutSpecFields(wanted, this.undeclared), {
          dryRun,
          fieldValidation: 'Strict',
        });
      } catch (err) {
        const fields = undeclaredSpecFields(err);
        // A field refused although already left out cannot happen twice: stop rather than loop.
        if (fields === undefined || fields.some((f) => this.undeclared.has(f) || !(f in wanted.spec))) throw err;
        for (const field of fields) this.undeclared.add(field);
      }
    }
  }
}
