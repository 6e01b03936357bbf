import { type Command } from 'commander';
import { DEFAULT_DOMAIN, DEFAULT_ORG, DEFAULT_PROJECT } from '../../shared/queue/index.js';

/**
 * `--org`, `--project`, `--domain`: for commands that act on a run they choose it (`defaults`), for listing
 * commands they only narrow what is shown (`filter`). The run scope itself is resolved in the core
 * (`runScope`), so the CLI and the editor put runs in the same place.
 */
export function addRunScopeFlags(command: Command, use: 'defaults' | 'filter'): Command {
  const describe = (what: string, env: string, fallback: string) =>
    use === 'filter' ? `only this ${what}` : `${what} (env ${env}, default "${fallback}")`;
  return command
    .option('--org <org>', describe('organization', 'KUEUE_ORG', DEFAULT_ORG))
    .option('--project <project>', describe('project', 'KUEUE_PROJECT', DEFAULT_PROJECT))
    .option('--domain <domain>', describe('domain', 'KUEUE_DOMAIN', DEFAULT_DOMAIN));
}
