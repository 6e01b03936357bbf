import path from 'node:path';
import { type Command } from 'commander';
import { completionScript, kubectlCompleteShim } from '../completion/shell-scripts.js';
import { addExamples } from '../examples-help.js';

export function registerCompletion(program: Command): void {
  const command = program
    .command('completion')
    .description('Print a shell completion script (bash, zsh, fish), or the kubectl_complete shim for `kubectl <name>`')
    .argument('<shell>', 'bash | zsh | fish | kubectl-shim')
    .action((shell: string) => {
      const binary = path.basename(process.argv[1] ?? 'kubectl-kueue').replace(/\.c?js$/, '');
      process.stdout.write(shell === 'kubectl-shim' ? kubectlCompleteShim(binary) : completionScript(shell, binary));
    });
  addExamples(command, program, [
    'completion bash > /etc/bash_completion.d/kubectl-kueue',
    'completion kubectl-shim > ~/bin/kubectl_complete-kueue && chmod +x ~/bin/kubectl_complete-kueue',
  ]);
}
