import { type RunStatus } from '../runs/index.js';
import { type Condition, type PhaseTransition } from '../task-action/index.js';

/** What `describe` shows of a task, decoded from the TaskTemplate. */
export interface TaskDetails {
  taskType: string;
  retries: number;
  timeoutSeconds?: number;
  /** Container tasks. */
  image?: string;
  command?: string[];
  args?: string[];
  resources?: { requests: Record<string, string>; limits: Record<string, string> };
  /** Pod tasks: the containers, and whether they run one after the other (steps). */
  containers?: { name: string; image: string; command: string[]; args: string[] }[];
  sequential?: boolean;
  /** A template that cannot be decoded says why here instead. */
  undecodable?: string;
}

export interface AttemptDetails {
  attempt: number;
  pod: string;
  phase: string;
  /** Of the container that ended the Pod: the first that failed, else the last to end. */
  container?: string;
  exitCode?: number;
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface EventDetails {
  /** `TaskAction/<name>` or `Pod/<name>`. */
  object: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen?: string;
}

/** Everything `describe RUN ACTION` prints, as data (`-o yaml|json` prints exactly this). */
export interface ActionDetails {
  name: string;
  namespace: string;
  run: string;
  action: string;
  parent?: string;
  phase: string;
  /** Actions of the run this one waits for (annotation `kueue.dev/after`). */
  after: string[];
  /** Why it waits, when it does: `waiting: image pull: [ImagePullBackOff] container "main": ...`. */
  waiting?: string;
  /** A sequential Pod's running step: `step 2/3 running: train`. */
  step?: string;
  task: TaskDetails;
  conditions: Condition[];
  phaseHistory: PhaseTransition[];
  attempts: AttemptDetails[];
  /** While the action waits out the retry backoff: when its next attempt starts. */
  nextAttempt?: { attempt: number; at: string };
  lastError?: string;
  events: EventDetails[];
}

/** One action's line in `describe RUN`. */
export interface RunActionLine {
  action: string;
  parent?: string;
  phase: string;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  lastError?: string;
}

export interface RunDetails {
  run: string;
  namespace: string;
  project: string;
  domain: string;
  /** The run's status from all of its actions, as `list`, `tree` and `wait` see it. */
  status: RunStatus;
  /** Why the run does not move on, when one of its actions waits: `waiting: image pull (fetch)`. */
  waiting?: string;
  /** First start to last end (or until now while it runs), in milliseconds; absent before anything started. */
  durationMs?: number;
  actions: RunActionLine[];
}
