import { type Command } from 'commander';
import { type IOStreams } from '../cli/io-streams.js';
import { completeWords } from './complete-words.js';

/**
 * `__complete WORDS...`: prints one candidate per line and a final `:<directive>` line, the protocol kubectl
 * (1.26+) speaks with `kubectl_complete-<name>` executables. Cluster lookups are loaded only when needed and
 * never fail the completion: a shell must not show errors while the user types.
 */
export async function runCompletion(io: IOStreams, program: Command, words: string[]): Promise<void> {
  const result = completeWords(program, words.length === 0 ? [''] : words);
  let candidates = result.candidates;
  if (result.dynamic) {
    try {
      const { dynamicCandidates } = await import('./dynamic-candidates.js');
      const prefix = words.at(-1) ?? '';
      candidates = (await dynamicCandidates(result.dynamic, words, result.run)).filter((c) => c.startsWith(prefix));
    } catch {
      candidates = [];
    }
  }
  io.out.write(`${[...candidates, `:${result.directive}`].join('\n')}\n`);
}
