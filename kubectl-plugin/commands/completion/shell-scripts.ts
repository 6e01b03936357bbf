/**
 * Completion scripts for running the plugin directly as `kubectl-<name>`. Inside kubectl (1.26+), completion
 * goes through the `kubectl_complete-<name>` executable instead, which calls the same `__complete` command.
 */
export function completionScript(shell: string, binary: string): string {
  const fn = `_${binary.replace(/[^A-Za-z0-9]/g, '_')}`;
  switch (shell) {
    case 'bash':
      // The last line is `:<directive>`; without bit 4 (NoFileCompletion) and without candidates, file names are
      // offered, as cobra's scripts do. With it (run, action and flag value names) nothing is, not even files.
      return [
        `${fn}() {`,
        "  local IFS=$'\\n'",
        `  local out; out=$(${binary} __complete "\${COMP_WORDS[@]:1:$COMP_CWORD}" 2>/dev/null) || return`,
        '  local directive=${out##*:}',
        "  [[ $directive =~ ^[0-9]+$ ]] || directive=0",
        "  COMPREPLY=( $(printf '%s\\n' \"$out\" | grep -v '^:') )",
        '  if (( ${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then',
        '    COMPREPLY=( $(compgen -f -- "${COMP_WORDS[COMP_CWORD]}") )',
        '  fi',
        '}',
        `complete -F ${fn} ${binary}`,
        '',
      ].join('\n');
    case 'zsh':
      return [`#compdef ${binary}`, 'autoload -U +X bashcompinit && bashcompinit', completionScript('bash', binary)].join('\n');
    case 'fish':
      return `complete -c ${binary} -f -a '(${binary} __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null | string match -v -r "^:")'\n`;
    default:
      throw new Error(`unsupported shell "${shell}": use bash, zsh or fish`);
  }
}

/** The shim kubectl looks for to complete `kubectl <name> ...`. */
export function kubectlCompleteShim(binary: string): string {
  return `#!/bin/sh\n# kubectl calls this to complete "kubectl ${binary.replace(/^kubectl-/, '')} ...".\nexec ${binary} __complete "$@"\n`;
}
