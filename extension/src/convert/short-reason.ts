/**
 * The subject of a core message (`container "step2" has no command: the sequential entrypoint must...`), for
 * places with room for one short phrase: a menu row, a notification listing several files.
 */
export function shortReason(reason: string): string {
  const subject = reason.split(': ')[0] ?? reason;
  return subject.length <= 80 ? subject : `${subject.slice(0, 79)}…`;
}
