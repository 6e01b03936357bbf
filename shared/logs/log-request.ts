import { type ContainerChoice } from './log-containers.js';
import { type LogWindow } from './container-log.js';

/** What `logs RUN [ACTION]` asks for. */
export interface LogRequest {
  namespace: string;
  runName: string;
  /** Label selector of the run's TaskActions: the run label, narrowed by org/project/domain when given. */
  runSelector: string;
  /** One action; undefined for every action of the run. */
  action?: string;
  /** From 1; undefined for the latest. Only with an action. */
  attempt?: number;
  choice: ContainerChoice;
  window: LogWindow;
  follow: boolean;
  signal: AbortSignal;
}
