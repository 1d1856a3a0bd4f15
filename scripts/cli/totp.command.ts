import { parseArgs } from 'node:util';
import { loadConfig } from '@platform/config';
import { totpCode } from '@domains/identity';
import { CliUsageError, type CliCommand } from './cli.command.js';

const PERIOD_SECONDS = 30;

const usage = `usage: verity totp [--secret <base32>]

Prints the current 6-digit TOTP code (RFC 6238: SHA-1, 30-second steps) of a secret, and how many seconds it stays
current: the code an authenticator app would show. Without --secret it uses DEMO_TOTP_SECRET (the demo admins' and
compliance officer's secret, which \`npm start\` prints). For development and demos; a real user's secret is never
shown after enrolment.`;

/** `verity totp`: an authenticator app on the command line, for the demo users and for trying the API by hand. */
export const totpCommand: CliCommand = {
  path: ['totp'],
  summary: 'print the current TOTP code of a secret (default: the demo secret)',
  usage,
  run(args) {
    let values: { secret?: string };
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: { secret: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new CliUsageError(error instanceof Error ? error.message : String(error));
    }
    const secret = (values.secret ?? loadConfig({ DEMO_TOTP_SECRET: process.env.DEMO_TOTP_SECRET }).DEMO_TOTP_SECRET)
      .replace(/[\s=]/g, '')
      .toUpperCase();
    if (!/^[A-Z2-7]{16,}$/.test(secret)) throw new CliUsageError('--secret must be a base32 TOTP secret (A-Z, 2-7)');
    const now = Date.now();
    const remaining = PERIOD_SECONDS - (Math.floor(now / 1000) % PERIOD_SECONDS);
    console.log(totpCode(secret, now));
    console.error(`(valid for ${remaining} more seconds; the previous and next codes are accepted too)`);
    return Promise.resolve(0);
  },
};
