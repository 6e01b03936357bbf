import v8 from 'node:v8';

/**
 * V8 flags the launcher sets at start, by command. They are read by V8 whenever it uses them, so they take effect
 * when set at run time, before any bundle is compiled.
 *
 * A command that runs and ends (all but `executor` and `serve`) raises the interrupt budget: V8 then waits for
 * 16 times as much work before it optimizes a function in the background, which a short command never reaches,
 * and so neither pays for those compiles nor waits at exit for them to finish (some 15 ms of wall time and 40 ms
 * of CPU of `convert` on one Pod).
 *
 * `convert` and `revert` on a large input are one long burst of short-lived objects: they parse, change, render
 * and read back every document, and keep little of it. Left to itself, V8 answers that allocation rate by
 * growing the young generation to 16 MiB per semi-space and letting the old generation grow several times over
 * between collections, so the peak memory is several times what the data needs. The old generation grows by 10%
 * at a time from the start; once the input shows a long run (adaptToLongRun), the young generation stays at the
 * size it has and V8 gets its own interrupt budget back. A small input keeps V8's growth of the young generation,
 * which spares it half of its scavenges. (All measured in bench/README.md.)
 */
const LONG_RUNNING = new Set(['executor', 'serve']);
const BURST_COMMANDS = new Set(['convert', 'revert']);
const SHORT_RUN_FLAGS = ['--interrupt-budget=1081344'];
const BURST_FLAGS = ['--heap-growing-percent=10'];

/** The flags for a command line (its first word names the command). */
export function v8FlagsFor(args: readonly string[]): readonly string[] {
  const command = args[0] ?? '';
  if (LONG_RUNNING.has(command)) return [];
  return BURST_COMMANDS.has(command) ? [...SHORT_RUN_FLAGS, ...BURST_FLAGS] : SHORT_RUN_FLAGS;
}

/** V8's own interrupt budget (`node --v8-options`). */
const DEFAULT_INTERRUPT_BUDGET = 67_584;

/**
 * Inputs above this size make `convert`/`revert` a long run after all, where optimizing the hot functions pays
 * for itself: on 1,000 documents (2.7 MB) the default budget takes 8-15% less CPU time than the raised one.
 */
export const LONG_RUN_INPUT_BYTES = 128 << 10;

/** Set by adaptToLongRun. */
const LONG_RUN_FLAGS = [`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`, '--semi-space-growth-factor=1'];

/**
 * For a command that learns only from its input that it is a long run: V8's default interrupt budget (read each
 * time a function's counter is refilled, so the hot functions tier up as usual from then on), and a young
 * generation that grows no further. Neither changes what the code cache holds.
 */
export function adaptToLongRun(): void {
  for (const flag of LONG_RUN_FLAGS) v8.setFlagsFromString(flag);
}
