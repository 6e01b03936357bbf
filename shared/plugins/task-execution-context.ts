import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type OwnerReference } from '../kube/index.js';
import { type TaskAction, type TaskTemplateView } from '../task-action/index.js';
import { type PluginKubeClient } from './plugin-kube-client.js';
import { type PluginLogger } from './plugin-logger.js';
import { type PluginStateReader, type PluginStateWriter } from './plugin-state.js';
import { type ResourceManager } from './resource-manager.js';
import { type OwnerKey } from './setup-context.js';

/** Facts about this execution of a task that a plugin needs to create and label what it runs. */
export interface TaskExecutionMetadata {
  /** The TaskAction being executed. */
  readonly ownerId: OwnerKey;
  readonly namespace: string;
  /**
   * For objects the plugin creates (the Pod). Unlike Flyte's S3 executor this one sets `controller: true`, so
   * changes to the Pod wake the TaskAction's reconcile instead of waiting for a poll.
   */
  readonly ownerReference: OwnerReference;
  /** To put on created objects: the TaskAction's labels plus the executor's own. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** To inject into every container (see `taskEnvironmentVariables`). */
  readonly environmentVariables: Readonly<Record<string, string>>;
  /** This attempt, from 1. */
  readonly attempt: number;
  /** Retries + 1, from the template. */
  readonly maxAttempts: number;
  readonly interruptible: boolean;
  /**
   * Name for what this attempt creates, the same whenever this attempt is handled (also after an executor
   * restart), so a repeated create answers AlreadyExists instead of making a second Pod.
   */
  readonly generatedName: string;
  /** `generatedName` as another attempt of the same TaskAction had it (to find what an earlier attempt created). */
  readonly generatedNameOf: (attempt: number) => string;
  /** Service account the Pod runs as, when the template names one. */
  readonly serviceAccountName?: string;
}

/** Everything a plugin gets for one round of one task. */
export interface TaskExecutionContext {
  /** The TaskAction as last read; plugins must not change it (status is the executor's). */
  readonly taskAction: Readonly<TaskAction>;
  /** `spec.taskTemplate`, decoded; an empty template for actions that are not tasks (they carry none). */
  readonly taskTemplate: TaskTemplate;
  readonly taskTemplateView: TaskTemplateView;
  readonly metadata: TaskExecutionMetadata;
  readonly kubeClient: PluginKubeClient;
  readonly pluginStateReader: PluginStateReader;
  readonly pluginStateWriter: PluginStateWriter;
  /** Scoped to this task's project, domain and run. */
  readonly resourceManager: ResourceManager;
  readonly logger: PluginLogger;
  /** Aborted when the executor stops; pass it to long operations. */
  readonly signal: AbortSignal;
  /** Asks for another round soon, for a plugin that knows its task will change shortly. */
  refresh(): void;
  /** A Kubernetes Event on the TaskAction, best effort: for what users should learn, such as a Pod adopted. */
  recordEvent(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Asks for another round at `time` at the latest, for a plugin waiting for a deadline. */
  refreshAt(time: Date): void;
}
