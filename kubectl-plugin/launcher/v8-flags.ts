/**
 * V8 flags the launcher sets at start, by command. They are read by V8 whenever it uses them, so they take effect
 * when set at run time, before any bundle is compiled.
 *
 * A command that runs and ends (all but `executor` and `serve`) raises the interrupt budget: V8 then waits for
 * 16 times as much work before it optimizes a function in the background, which a short command never reaches,
 * and so neither pays for those compiles nor waits at exit for them to finish (some 15 ms of wall time and 40 ms
 * of CPU of `convert` on one Pod); in a long run the hot functions are optimized all the same.
 *
 * `convert` and `revert` do one long burst of short-lived objects: they parse, change, render and read back
 * every document, and keep little of it. Left to itself, V8 answers that allocation rate by growing the young
 * generation to 16 MiB per semi-space and letting the old generation grow several times over between
 * collections, so the peak memory is several times what the data needs. Keeping the young generation at its
 * first size and growing the old one by 10% at a time brings the peak down at about the same CPU time (both
 * measured in bench/README.md).
 */
const LONG_RUNNING = new Set(['executor', 'serve']);
const BURST_COMMANDS = new Set(['convert', 'revert']);
const SHORT_RUN_FLAGS = ['--interrupt-budget=1081344'];
const BURST_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'];

/** The flags for a command line (its first word names the command). */
export function v8FlagsFor(args: readonly string[]): readonly string[] {
  const command = args[0] ?? '';
  if (LONG_RUNNING.has(command)) return [];
  return BURST_COMMANDS.has(command) ? [...SHORT_RUN_FLAGS, ...BURST_FLAGS] : SHORT_RUN_FLAGS;
}
