import { create } from '@bufbuild/protobuf';
import { DurationSchema } from '@bufbuild/protobuf/wkt';
import { IdentifierSchema, ResourceType } from '@flyteorg/flyteidl2/flyteidl2/core/identifier_pb.js';
import { RetryStrategySchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { IdentitySchema, SecurityContextSchema } from '@flyteorg/flyteidl2/flyteidl2/core/security_pb.js';
import {
  type TaskMetadata,
  TaskMetadataSchema,
  type TaskTemplate,
  TaskTemplateSchema,
} from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { UserError } from '../errors/index.js';
import { LIMITS } from './validation.js';

/** What identifies a task to Flyte (shown in its UI); optional for tasks that only run here. */
export interface TaskIdentity {
  org?: string;
  project?: string;
  domain?: string;
  name: string;
  version?: string;
}

/** Options every kind of task template has. */
export interface TaskTemplateOptions {
  /** The template's `type`, which also becomes `spec.taskType` and selects the plugin. */
  taskType?: string;
  /** Retries after the first attempt (`metadata.retries.retries`); 0 when absent, so one attempt in all. */
  retries?: number;
  /** Time limit of one attempt (`metadata.timeout`). */
  timeoutSeconds?: number;
  interruptible?: boolean;
  discoverable?: boolean;
  discoveryVersion?: string;
  tags?: Record<string, string>;
  /** Kubernetes service account the Pod runs as (`security_context.run_as.k8s_service_account`). */
  serviceAccount?: string;
  id?: TaskIdentity;
  /** Extra entries of the template's `config` map (plugin settings). */
  config?: Record<string, string>;
}

/**
 * The most retries a task may ask for (11 attempts in all). Each attempt is a Pod and an executor round, so an
 * unbounded count keeps a failing task running for ever; a count above the cap is refused, not clipped.
 */
export const MAX_RETRIES = 10;

function nonNegativeInteger(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new UserError(`${field} must be a whole number from 0 to ${max}, not ${value}`, { field });
  }
  return value;
}

function metadataFor(options: TaskTemplateOptions): TaskMetadata {
  const metadata = create(TaskMetadataSchema, {
    discoverable: options.discoverable ?? false,
    discoveryVersion: options.discoveryVersion ?? '',
    tags: { ...options.tags },
  });
  if (options.retries !== undefined) {
    metadata.retries = create(RetryStrategySchema, {
      retries: nonNegativeInteger(options.retries, 'retries', MAX_RETRIES),
    });
  }
  if (options.timeoutSeconds !== undefined) {
    if (!Number.isFinite(options.timeoutSeconds) || options.timeoutSeconds <= 0) {
      throw new UserError(`timeout must be a positive number of seconds, not ${options.timeoutSeconds}`, {
        field: 'timeout',
      });
    }
    const seconds = Math.floor(options.timeoutSeconds);
    metadata.timeout = create(DurationSchema, {
      seconds: BigInt(seconds),
      nanos: Math.round((options.timeoutSeconds - seconds) * 1e9),
    });
  }
  if (options.interruptible !== undefined) {
    metadata.interruptibleValue = { case: 'interruptible', value: options.interruptible };
  }
  return metadata;
}

/** A template with the options shared by every kind of task; builders then set the target. */
export function baseTaskTemplate(options: TaskTemplateOptions, defaultTaskType: string): TaskTemplate {
  const taskType = options.taskType ?? defaultTaskType;
  if (taskType.length === 0 || taskType.length > LIMITS.taskType) {
    throw new UserError(
      `the task type must be 1 to ${LIMITS.taskType} characters long, not ${taskType.length}`,
      { field: 'spec.taskType' },
      `leave it out to use ${defaultTaskType}`,
    );
  }
  const template = create(TaskTemplateSchema, {
    type: taskType,
    metadata: metadataFor(options),
    config: { ...options.config },
  });
  if (options.id !== undefined) {
    template.id = create(IdentifierSchema, {
      resourceType: ResourceType.TASK,
      org: options.id.org ?? '',
      project: options.id.project ?? '',
      domain: options.id.domain ?? '',
      name: options.id.name,
      version: options.id.version ?? '',
    });
  }
  if (options.serviceAccount !== undefined) {
    template.securityContext = create(SecurityContextSchema, {
      runAs: create(IdentitySchema, { k8sServiceAccount: options.serviceAccount }),
    });
  }
  return template;
}
