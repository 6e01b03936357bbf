import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { completionScript, kubectlCompleteShim } from './shell-scripts.js';

/** `completion SHELL`; `binary` is the file name the scripts call back (we may be installed under any name). */
export function registerCompletion(program: Command, io: IOStreams, binary: string): void {
  const command = program
    .command('completion')
    .description('Print a shell completion script (bash, zsh, fish), or the kubectl_complete shim for `kubectl <name>`')
    .argument('<shell>', 'bash | zsh | fish | kubectl-shim')
    .action((shell: string) => {
      io.out.write(shell === 'kubectl-shim' ? kubectlCompleteShim(binary) : completionScript(shell, binary));
    });
  addExamples(command, program, [
    'completion bash > /etc/bash_completion.d/kubectl-kueue',
    'completion kubectl-shim > ~/bin/kubectl_complete-kueue && chmod +x ~/bin/kubectl_complete-kueue',
  ]);
}
