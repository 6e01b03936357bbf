import { type Command, type Option } from 'commander';

/**
 * Rewrites a command line from kubectl's flag syntax (pflag's) into what commander parses, so that kubectl
 * habits give the same answer here:
 *
 * - `-n=default`, `-o=name`, `-l=app=x`: a short flag with `=` (commander would take `=default` as the value);
 * - `-A=true`, `--watch=false`: a boolean flag with an explicit value (commander refuses a value there);
 * - `kubectl kueue -n x get`: flags before the command name (kubectl accepts its global flags anywhere), which
 *   are moved after it.
 *
 * Everything after `--` is left alone. Flags that no command knows are left where they are, for commander to
 * refuse with its own message.
 */
export function fromKubectlFlagSyntax(program: Command, args: readonly string[]): string[] {
  const everyOption = allOptions(program);
  const leading: string[] = [];
  const result: string[] = [];
  let command = program;
  let descending = true;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') {
      result.push(...leading.splice(0), ...args.slice(i));
      return result;
    }
    if (token.startsWith('-') && token !== '-') {
      const [flag, inlineValue] = splitInlineValue(token);
      const option = findOption(command, flag) ?? everyOption.get(flag);
      const words = rewrite(flag, inlineValue, option, token);
      // The value of a flag that takes one is the next word when it was not given inline.
      if (option && takesValue(option) && inlineValue === undefined && i + 1 < args.length) words.push(args[++i] as string);
      const beforeCommand = command === program && option !== undefined && findOption(program, flag) === undefined;
      (beforeCommand ? leading : result).push(...words);
      continue;
    }
    const sub = descending ? command.commands.find((c) => c.name() === token || c.aliases().includes(token)) : undefined;
    if (sub) command = sub;
    else descending = false;
    result.push(token);
  }
  return [...result, ...leading];
}

function splitInlineValue(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return eq < 0 ? [token, undefined] : [token.slice(0, eq), token.slice(eq + 1)];
}

function rewrite(flag: string, inlineValue: string | undefined, option: Option | undefined, token: string): string[] {
  if (inlineValue === undefined || option === undefined) return [token];
  if (takesValue(option)) return flag.startsWith('--') ? [token] : [flag, inlineValue];
  // A boolean flag: pflag accepts `=true` and `=false`; anything else is left for commander to refuse.
  if (/^true$/i.test(inlineValue)) return [flag];
  if (/^false$/i.test(inlineValue)) return [];
  return [token];
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

function findOption(command: Command, flag: string): Option | undefined {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    const option = c.options.find((o) => o.short === flag || o.long === flag);
    if (option) return option;
  }
  return undefined;
}

/** Every flag any command defines, so a flag placed before the command name can be recognised. */
function allOptions(program: Command): Map<string, Option> {
  const options = new Map<string, Option>();
  const visit = (command: Command) => {
    for (const option of command.options) {
      for (const name of [option.short, option.long]) if (name && !options.has(name)) options.set(name, option);
    }
    command.commands.forEach(visit);
  };
  visit(program);
  return options;
}
