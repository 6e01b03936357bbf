/**
 * A server's pruned-field warnings, each once for the server's life: the same CRD prunes the same field from every
 * request, through either service. A warning starts with the field it is about (`spec.envVars is dropped: ...`).
 */
export function oncePerField(warn: (message: string) => void): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    const key = message.split(' ', 1)[0] ?? message;
    if (seen.has(key)) return;
    seen.add(key);
    warn(message);
  };
}
