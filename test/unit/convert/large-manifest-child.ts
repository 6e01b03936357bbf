// Run by large-manifest.test.ts in a child process with a small heap: converts a 50 MB manifest and prints
// what it saw and how much memory it took, as JSON.
import { convertManifest } from '../../../shared/convert/manifest-transform.js';

const TARGET_BYTES = Number(process.argv[2] ?? 50 * 1024 * 1024);

function pod(i: number): string {
  return `---
# step pod ${i}
apiVersion: v1
kind: Pod
metadata:
  name: pod-${i}
spec:
  restartPolicy: Never
  containers:
    - name: first
      image: busybox
      command: ["sh", "-c"]
      args: ["echo ${i}"]
    - name: second
      image: busybox
      command: ["true"]
`;
}

function configMap(i: number): string {
  return `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: data-${i}\ndata:\n  payload: "${String(i % 10).repeat(20_000)}"\n`;
}

const parts: string[] = [];
let size = 0;
for (let i = 0; size < TARGET_BYTES; i++) {
  const part = i % 10 === 0 ? pod(i) : configMap(i);
  parts.push(part);
  size += part.length;
}
const text = parts.join('');
parts.length = 0;

const result = convertManifest(text, { file: 'large.yaml' });
const pods = result.objects.filter((o) => o.object.startsWith('Pod/'));
const output = result.chunks;
// Every ConfigMap document comes out as the very same text (chunk i is document i).
const untouched = output.every((chunk, i) => i % 10 === 0 || i === output.length - 1 || chunk === configMap(i));
process.stdout.write(
  JSON.stringify({
    inputBytes: text.length,
    outputBytes: output.reduce((sum, chunk) => sum + chunk.length, 0),
    documents: result.objects.length,
    podsConverted: pods.filter((o) => o.status === 'transformed').length,
    pods: pods.length,
    untouched,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
