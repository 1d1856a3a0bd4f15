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
  console.warn(
    [
      '',
      '################################################################',
      '#  BROWSER TESTS SKIPPED: Debian chromium not found at ' + CHROMIUM_PATH,
      '#  Install it with: apt-get install chromium   (CI does this)',
      '################################################################',
      '',
    ].join('\n'),
  );
  return false;
}
