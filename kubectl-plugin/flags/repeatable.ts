/** Commander's argument parser for a repeatable flag (`--env A=1 --env B=2`): every value, in order. */
export function repeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
