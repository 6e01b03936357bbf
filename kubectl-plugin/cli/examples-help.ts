import { type Command } from 'commander';

/** Adds an Examples section that uses the name the plugin was invoked by (`kubectl kueue`, `kubectl kq`). */
export function addExamples(command: Command, program: Command, examples: string[]): Command {
  return command.addHelpText('after', () => `\nExamples:\n${examples.map((e) => `  ${program.name()} ${e}`).join('\n')}\n`);
}
