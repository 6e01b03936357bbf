import { create } from '@bufbuild/protobuf';
import { KeyValuePairSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { ContainerSchema, type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { UserError } from '../errors/index.js';
import { CONTAINER_TASK_TYPE } from './api-constants.js';
import { containerTaskResources } from './resource-defaults.js';
import { type ResourceRequirements, toFlyteResources } from './resource-requirements.js';
import { type TaskTemplateOptions, baseTaskTemplate } from './task-template-options.js';

/** A container environment variable, as in a Kubernetes container spec. */
export interface EnvVar {
  name: string;
  value: string;
}

/** Environment as a map or as an ordered list (order is kept in the template). */
export type EnvInput = Record<string, string> | readonly EnvVar[];

function isEnvVarList(env: EnvInput): env is readonly EnvVar[] {
  return Array.isArray(env);
}

export function envList(env: EnvInput | undefined): EnvVar[] {
  if (env === undefined) return [];
  if (isEnvVarList(env)) return env.map(({ name, value }) => ({ name, value }));
  return Object.entries(env).map(([name, value]) => ({ name, value }));
}

export interface ContainerTaskOptions extends TaskTemplateOptions {
  image: string;
  /** Replaces the image's entrypoint. */
  command?: readonly string[];
  args?: readonly string[];
  env?: EnvInput;
  /** Completed by `containerTaskResources`: the template always carries requests and limits. */
  resources?: ResourceRequirements;
}

/**
 * A task that runs one container (`TaskTemplate.container`); Flyte's pod plugin builds its Pod. Its resources are
 * always written, because Flyte's S3 executor refuses a container task without them.
 */
export function containerTaskTemplate(options: ContainerTaskOptions): TaskTemplate {
  if (options.image.trim() === '') {
    throw new UserError('the container image is empty', { field: 'image' }, 'give an image, e.g. busybox:1.36');
  }
  const env = envList(options.env);
  env.forEach((variable, index) => {
    if (variable.name === '') {
      throw new UserError(`environment variable ${index + 1} has no name`, { field: `env[${index}]` });
    }
  });
  const resources = toFlyteResources(containerTaskResources(options.resources));
  const template = baseTaskTemplate(options, CONTAINER_TASK_TYPE);
  template.target = {
    case: 'container',
    value: create(ContainerSchema, {
      image: options.image,
      command: [...(options.command ?? [])],
      args: [...(options.args ?? [])],
      env: env.map(({ name, value }) => create(KeyValuePairSchema, { key: name, value })),
      resources,
    }),
  };
  return template;
}
