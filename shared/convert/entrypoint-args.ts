/**
 * Reads the command line back out of a converted container's args, the way the Tekton entrypoint itself
 * does (Go's `flag` package): flags come first, a value flag takes the next token even when it starts with
 * `-`, and flag parsing stops at `--` or at the first token that is not a flag. The command is then
 * `[<-entrypoint value>, ...remaining tokens]`.
 */

/** Entrypoint flags that take no value; every other flag consumes the next token unless written `-f=v`. */
const BOOLEAN_FLAGS = new Set(['wait_file_content', 'breakpoint_on_failure', 'enable_spire', 'debug_before_step']);

export type EntrypointArgs =
  | { ok: true; program: string; rest: string[] }
  | { ok: false; reason: string };

export function readEntrypointArgs(args: readonly string[]): EntrypointArgs {
  let program: string | undefined;
  let index = 0;
  while (index < args.length) {
    const token = args[index] ?? '';
    if (token === '--') {
      index++;
      break;
    }
    if (!token.startsWith('-') || token === '-') break;
    const flag = token.replace(/^--?/, '');
    const equals = flag.indexOf('=');
    const name = equals >= 0 ? flag.slice(0, equals) : flag;
    let value: string | undefined;
    if (equals >= 0) value = flag.slice(equals + 1);
    else if (!BOOLEAN_FLAGS.has(name)) {
      value = args[index + 1];
      if (value === undefined) return { ok: false, reason: `flag ${token} has no value` };
      index++;
    }
    if (name === 'entrypoint') program = value;
    index++;
  }
  if (program === undefined) return { ok: false, reason: 'there is no -entrypoint flag' };
  return { ok: true, program, rest: args.slice(index) };
}
