/** kubectl's connection flags (genericclioptions), as both adapters pass them to the core. */
export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  token?: string;
  as?: string;
  asGroup?: string[];
  insecureSkipTlsVerify?: boolean;
  certificateAuthority?: string;
  clientCertificate?: string;
  clientKey?: string;
  /** Per-request timeout as kubectl writes it (`0`, `30s`, `1m`); `0` or absent means none. */
  requestTimeout?: string;
  /** Where request traces go (the adapter decides: kubectl's `-v=6` writes them to standard error). */
  trace?: (line: string) => void;
}
