import { type Command, type Option } from 'commander';

/** What the shell should do besides offering the candidates (cobra's directive numbers, which kubectl uses). */
export const CompletionDirective = { Default: 0, NoFileCompletion: 4 } as const;
export type CompletionDirective = (typeof CompletionDirective)[keyof typeof CompletionDirective];

/** A positional argument or flag value that only the cluster or the kubeconfig can complete. */
export type DynamicCompletion = 'runs' | 'actions' | 'conditions' | 'pods' | 'namespaces' | 'contexts';

export interface CompletionResult {
  candidates: string[];
  directive: CompletionDirective;
  /** Set when the candidates must come from the cluster or the kubeconfig. */
  dynamic?: DynamicCompletion;
  /** The run an earlier positional argument named, for actions of that run (`signal RUN ACTION`). */
  run?: string;
}

/** Fixed values of flags, offered without asking the cluster. */
const FLAG_VALUES: Record<string, string[]> = {
  '--output': ['yaml', 'json', 'name', 'wide'],
  '--cascade': ['background', 'foreground', 'orphan'],
  '--cleanup': ['auto', 'always', 'never'],
  '--dry-run': ['none', 'client', 'server'],
  '--log-level': ['error', 'warn', 'info', 'debug'],
  '--status': ['Pending', 'Running', 'Succeeded', 'Failed', 'Aborted'],
};

const FLAG_DYNAMIC: Record<string, DynamicCompletion> = {
  '--namespace': 'namespaces',
  '--context': 'contexts',
  '--run': 'runs',
  '--after': 'actions',
  // Actions of the run named by --run, when it was typed before (`enqueue --run nightly --parent <TAB>`).
  '--parent': 'actions',
};

/** Positional arguments that name cluster objects, by command path and position. */
const POSITIONAL: Record<string, DynamicCompletion[]> = {
  tree: ['runs'],
  watch: ['runs'],
  get: ['runs', 'actions'],
  'abort run': ['runs'],
  'abort action': ['actions'],
  signal: ['runs', 'conditions'],
  retry: ['runs', 'actions'],
  resubmit: ['runs'],
  wait: ['runs'],
  stop: ['runs', 'actions'],
  logs: ['runs', 'actions'],
  describe: ['runs', 'actions'],
  status: ['pods'],
};

function findOption(command: Command, word: string): Option | undefined {
  return command.options.find((o) => o.long === word || o.short === word);
}

function isHidden(command: Command): boolean {
  return (command as Command & { _hidden?: boolean })._hidden === true;
}

/**
 * Completes the words typed after the plugin name from the commander definitions themselves, so every new
 * command and flag completes without extra work. The last word is the one being completed (may be empty).
 */
export function completeWords(program: Command, words: string[]): CompletionResult {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let command = program;
  const path: string[] = [];
  let positionals = 0;
  const args: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const word = before[i] ?? '';
    if (word.startsWith('-')) {
      const option = findOption(command, word.split('=')[0] ?? word);
      if (option?.required && !word.includes('=')) i++;
      continue;
    }
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub && positionals === 0) {
      command = sub;
      path.push(sub.name());
    } else {
      positionals++;
      args.push(word);
    }
  }

  const previous = before.at(-1);
  if (previous?.startsWith('-') && !previous.includes('=')) {
    const option = findOption(command, previous);
    if (option?.required) {
      const long = option.long ?? '';
      const dynamic = FLAG_DYNAMIC[long];
      if (dynamic) return { candidates: [], directive: CompletionDirective.NoFileCompletion, dynamic };
      const values = FLAG_VALUES[long];
      if (values) return { candidates: values.filter((v) => v.startsWith(current)), directive: CompletionDirective.NoFileCompletion };
      return { candidates: [], directive: CompletionDirective.Default };
    }
  }

  if (current.startsWith('-')) {
    const flags = command.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => typeof f === 'string' && f.startsWith(current));
    return { candidates: [...new Set(flags)].sort(), directive: CompletionDirective.NoFileCompletion };
  }
  const visible = command.commands.filter((c) => !isHidden(c) && c.name() !== 'help');
  if (visible.length > 0 && positionals === 0) {
    return { candidates: visible.map((c) => c.name()).filter((n) => n.startsWith(current)), directive: CompletionDirective.NoFileCompletion };
  }
  const kinds = POSITIONAL[path.join(' ')] ?? [];
  const dynamic = kinds[positionals];
  if (dynamic) {
    const run = kinds[0] === 'runs' && positionals > 0 ? args[0] : undefined;
    return { candidates: [], directive: CompletionDirective.NoFileCompletion, dynamic, ...(run !== undefined ? { run } : {}) };
  }
  return { candidates: [], directive: CompletionDirective.Default };
}
