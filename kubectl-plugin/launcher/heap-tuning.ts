/**
 * V8 flags for the commands whose work is one long burst of short-lived objects: convert and revert parse,
 * change, render and read back every document, and keep little of it. Left to itself, V8 answers that allocation
 * rate by growing the young generation to 16 MiB per semi-space and letting the old generation grow several
 * times over between collections, so the peak memory is several times what the data needs (measured in
 * bench/README.md). Keeping the young generation at its first size and growing the old one by 10% at a time
 * brings the peak down at about the same CPU time. Both flags are read by V8 whenever it sizes the heap, so they
 * take effect when set at run time; other commands (the executor and serve run for long) keep V8's defaults.
 */
const BURST_COMMANDS = new Set(['convert', 'revert']);
const BURST_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'];

/** The flags for the command a command line runs (its first word), none for most. */
export function heapFlagsFor(args: readonly string[]): readonly string[] {
  return args[0] !== undefined && BURST_COMMANDS.has(args[0]) ? BURST_FLAGS : [];
}
