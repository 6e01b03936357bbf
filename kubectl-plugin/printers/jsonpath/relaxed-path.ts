const RELAXED = /^\{?(\.?[^{}]+)\}?$/;

/**
 * kubectl's relaxed path for custom columns and `--sort-by`: `metadata.name`, `.metadata.name` and
 * `{.metadata.name}` all mean `{.metadata.name}`.
 */
export function relaxedPath(path: string): string {
  const match = RELAXED.exec(path);
  if (!match) return path;
  const inner = match[1] ?? '';
  return `{${inner.startsWith('.') ? inner : `.${inner}`}}`;
}
