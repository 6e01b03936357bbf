import { type Command, Option } from 'commander';
import { repeatable } from './repeatable.js';

const GROUP = 'Connection flags (as in kubectl):';

/**
 * kubectl's connection flags, shown in their own help section. `-n` is added by the caller when it fits; a
 * long-running command that must never wait for ever names its own `--request-timeout` default.
 */
export function addConnectionFlags(command: Command, options: { namespace?: boolean; requestTimeoutDefault?: string } = { namespace: true }): Command {
  const add = (option: Option) => command.addOption(option.helpGroup(GROUP));
  add(new Option('--kubeconfig <path>', 'path to the kubeconfig file'));
  add(new Option('--context <name>', 'the kubeconfig context to use'));
  add(new Option('--cluster <name>', 'the kubeconfig cluster to use'));
  add(new Option('--user <name>', 'the kubeconfig user to use'));
  if (options.namespace !== false) add(new Option('-n, --namespace <namespace>', 'the namespace (default: the context\'s)'));
  add(new Option('-s, --server <url>', 'the address and port of the Kubernetes API server'));
  add(new Option('--token <token>', 'bearer token for authentication'));
  add(new Option('--as <user>', 'user to impersonate'));
  add(new Option('--as-group <group>', 'group to impersonate (repeatable)').argParser(repeatable));
  add(new Option('--insecure-skip-tls-verify', 'do not check the server certificate'));
  add(new Option('--certificate-authority <file>', 'path to a CA certificate file'));
  add(new Option('--client-certificate <file>', 'path to a client certificate file'));
  add(new Option('--client-key <file>', 'path to a client key file'));
  add(
    options.requestTimeoutDefault !== undefined
      ? new Option('--request-timeout <duration>', 'how long to wait for one request (watches excepted)').default(options.requestTimeoutDefault)
      : new Option('--request-timeout <duration>', 'how long to wait for one request (e.g. 30s; 0 = no limit)'),
  );
  add(new Option('-v, --v <level>', 'log level: 6 or more prints every API request (method, URL, status, time)'));
  return command;
}

export { type ConnectionOptionValues, connectionFlags } from './connection-flag-values.js';
