// The control plane's log feeder, a process of its own beside kwok (started and stopped with the other
// components): `node --import tsx main.ts <kubeconfig> <log dir> <ready file>`.
import { writeFileSync } from 'node:fs';
import { HttpKubeClient } from '../../../../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../../../../shared/kube/load-connection.js';
import { PodLogFeeder } from './pod-log-feeder.js';

const [kubeconfig, dir, readyFile] = process.argv.slice(2);
if (kubeconfig === undefined || dir === undefined || readyFile === undefined) {
  process.stderr.write('usage: main.ts <kubeconfig> <log dir> <ready file>\n');
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
const feeder = new PodLogFeeder(new HttpKubeClient(loadConnection({ kubeconfig })), dir, log);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    feeder.stop();
    process.exit(0);
  });
}
// A function, not top-level await: tsx loads this file as CommonJS.
void feeder.start().then(() => {
  writeFileSync(readyFile, 'ready\n');
  log('pod log feeder ready');
});
