import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Debian's chromium is installed; otherwise says loudly that browser tests are skipped. */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  warnSkipped(`BROWSER TESTS SKIPPED: Debian chromium not found at ${CHROMIUM_PATH}`, 'apt-get install chromium');
  return false;
}

/** A banner no one reads past: tests skipped because a tool is missing, and how to install it. */
export function warnSkipped(what: string, install: string): void {
  console.warn(
    [
      '',
      '################################################################',
      `#  ${what}`,
      `#  Install it with: ${install}   (CI does this)`,
      '################################################################',
      '',
    ].join('\n'),
  );
}
