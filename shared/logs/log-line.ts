/** One line of a container's log, with where it came from. */
export interface LogLine {
  /** The action whose Pod wrote it. */
  action: string;
  attempt: number;
  pod: string;
  container: string;
  /** As the kubelet stamped it (RFC 3339, nanoseconds); empty when the line had none. */
  timestamp: string;
  /** Without the line end. */
  text: string;
}

/** What a log reader reports besides lines: which Pod or step it moves to, what it waits for. For people, not parsing. */
export interface LogReceiver {
  line(line: LogLine): void;
  notice?(text: string): void;
}

/** `2026-01-02T03:04:05.123456789Z text` as the time and the text (the kubelet separates them with one space). */
export function splitTimestamp(line: string): { timestamp: string; text: string } {
  const space = line.indexOf(' ');
  if (space < 0 || !/^\d{4}-\d\d-\d\dT/.test(line)) return { timestamp: '', text: line };
  return { timestamp: line.slice(0, space), text: line.slice(space + 1) };
}

/**
 * Cuts streamed text into whole lines. A piece of a line is held until its end arrives; at the end of a complete
 * answer `flush` returns a last line without a line end, while after a broken connection it is dropped (the resume
 * reads it again).
 */
export class LineSplitter {
  private pending = '';

  push(text: string): string[] {
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}
