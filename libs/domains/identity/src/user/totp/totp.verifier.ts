import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app does it by default: HMAC-SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too, for clocks that drift and people who type slowly. */
export const TOTP_WINDOW = 1;

export interface TotpParameters {
  readonly digits?: number;
  readonly issuer?: string;
  readonly label?: string;
}

function totpOf(secretBase32: string, parameters: TotpParameters = {}): TOTP {
  return new TOTP({
    issuer: parameters.issuer ?? 'Verity',
    label: parameters.label ?? 'Verity',
    issuerInLabel: true,
    algorithm: 'SHA1',
    digits: parameters.digits ?? TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A fresh secret of 160 bits (RFC 4226 recommends at least 128, and 160 is the SHA-1 block size), in base32. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second time step a moment falls into. */
export function totpStepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of the step `timestampMs` falls into. */
export function totpCode(secretBase32: string, timestampMs: number = Date.now(), parameters?: TotpParameters): string {
  return totpOf(secretBase32, parameters).generate({ timestamp: timestampMs });
}

/** The `otpauth://totp/...` URI an authenticator app reads (usually from a QR code). */
export function totpUri(secretBase32: string, issuer: string, label: string): string {
  return totpOf(secretBase32, { issuer, label }).toString();
}

/**
 * Checks a code against the steps around `timestampMs` and returns the step it belongs to, or null. Steps up to and
 * including `lastUsedStep` are never accepted, so a code cannot be used twice (RFC 6238 section 5.2), nor can an
 * older code be used after a newer one.
 */
export function verifyTotpCode(
  secretBase32: string,
  code: string,
  timestampMs: number,
  lastUsedStep: number | null = null,
  parameters?: TotpParameters,
): number | null {
  const digits = parameters?.digits ?? TOTP_DIGITS;
  if (!new RegExp(`^[0-9]{${digits}}$`).test(code)) return null;
  const totp = totpOf(secretBase32, parameters);
  const current = totpStepAt(timestampMs);
  let matched: number | null = null;
  // Every candidate is compared, in constant time, so the timing does not tell which step matched.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step += 1) {
    const expected = totp.generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
    const same = timingSafeEqual(Buffer.from(expected), Buffer.from(code));
    if (same && (lastUsedStep === null || step > lastUsedStep) && matched === null) matched = step;
  }
  return matched;
}
