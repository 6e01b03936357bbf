import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (package `chromium`), or `$KUEUE_CHROMIUM`. Never a downloaded browser. */
export function chromiumPath(): string {
  return process.env['KUEUE_CHROMIUM'] ?? '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/**
 * Headless Chromium as root on a machine whose only network is the loopback: no sandbox (root), no GPU,
 * and none of the background requests that would only fail (sync, component updates, QUIC probes).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
