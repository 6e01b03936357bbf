import { type MessageInitShape } from '@bufbuild/protobuf';
import { type EnqueueActionRequest, type EnqueueActionRequestSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';

/** The plain-object form of a request (what clients accept), not the message class. */
export type EnqueueInit = Exclude<MessageInitShape<typeof EnqueueActionRequestSchema>, EnqueueActionRequest>;

export const RUN_ID = { org: 'acme', project: 'ml', domain: 'dev' } as const;

/** An EnqueueAction request as a Flyte client sends it: ids, URIs, and a container task with its template. */
export function enqueueRequest(
  run: string,
  action: string,
  parent?: string,
  options: { image?: string; args?: string[]; shortName?: string } = {},
): EnqueueInit {
  const base = `s3://bucket/${RUN_ID.org}/${RUN_ID.project}/${RUN_ID.domain}/${run}`;
  return {
    actionId: { run: { ...RUN_ID, name: run }, name: action },
    ...(parent !== undefined ? { parentActionName: parent } : {}),
    inputUri: `${base}/${action}/inputs.pb`,
    runOutputBase: `${base}/`,
    spec: {
      case: 'task',
      value: {
        spec: {
          shortName: options.shortName ?? `step ${action}`,
          taskTemplate: containerTaskTemplate({
            image: options.image ?? 'busybox:1.36',
            command: ['sh', '-c'],
            args: options.args ?? [`echo ${action}`],
          }),
        },
      },
    },
  };
}
