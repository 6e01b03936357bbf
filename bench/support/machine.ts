import os from 'node:os';

/** One line naming the machine, printed above every table: numbers only compare on the same kind of machine. */
export function machineDescription(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus.length} cores (${model}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The 1-minute load average: other work on the machine shows in the numbers, so the tables say how much there was. */
export function loadAverage(): number {
  return os.loadavg()[0] ?? Number.NaN;
}
