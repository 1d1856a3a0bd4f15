import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { IdentityError } from '../../identity.errors.js';
import type { Role } from '../../identity.permissions.js';
import type { UserPrincipal } from '../../session/principal.js';
import { SessionRepository } from '../../session/session.repository.js';
import { TenantRepository } from '../../tenant/tenant.repository.js';
import { TotpFactorRepository } from './totp-factor.repository.js';
import { TotpSecretCipher } from './totp-secret.cipher.js';
import { generateTotpSecret, totpUri, verifyTotpCode } from './totp.verifier.js';

/** What an authenticator app needs: the secret (for typing it in), its URI and the URI as a QR code. */
export interface TotpSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrCodeSvg: string;
}

/** The result of checking a code: right, wrong, a right code already used once, or no authenticator to check. */
export type TotpCheck = 'ok' | 'wrong' | 'replayed' | 'not_enrolled';

export const TOTP_ISSUER = 'Verity';

/** The label an authenticator app shows for an account: who, and in which tenant. */
export function totpLabel(email: string, tenantSlug: string): string {
  return `${email} (${tenantSlug})`;
}

/** TOTP multi-factor authentication (RFC 6238): enrolment, code checks with replay protection, the MFA rule. */
@Injectable()
export class TotpService {
  constructor(
    private readonly factors: TotpFactorRepository,
    private readonly cipher: TotpSecretCipher,
    private readonly sessions: SessionRepository,
    private readonly tenants: TenantRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly config: AppConfig,
  ) {}

  /** Whether holders of these roles must use MFA (MFA_REQUIRED_ROLES). */
  isRequiredFor(roles: readonly Role[]): boolean {
    const required: readonly string[] = this.config.values.MFA_REQUIRED_ROLES;
    return roles.some((role) => required.includes(role));
  }

  async isEnrolled(tenantId: string, userId: string): Promise<boolean> {
    const factor = await this.transactions.run((tx) => this.factors.findByUser(tx, tenantId, userId), { tenantId });
    return factor?.enrolledAt != null;
  }

  /** Starts enrolment: a new secret, stored encrypted as pending (replacing an older pending one) until confirmed. */
  async setup(principal: UserPrincipal): Promise<TotpSetup> {
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant) throw new IdentityError('identity/unauthenticated', 'unauthenticated', 'Tenant no longer exists');
    const secret = generateTotpSecret();
    const otpauthUri = totpUri(secret, TOTP_ISSUER, totpLabel(principal.email, tenant.slug));
    const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    await this.transactions.run(
      async (tx) => {
        const factor = await this.factors.findByUserForUpdate(tx, principal.tenantId, principal.userId);
        if (factor?.enrolledAt) {
          throw new IdentityError(
            'identity/mfa_already_enrolled',
            'conflict',
            'TOTP is already enrolled; an admin must reset it before a new authenticator can be set up',
          );
        }
        await this.factors.savePending(
          tx,
          principal.tenantId,
          principal.userId,
          this.cipher.encrypt(principal.tenantId, principal.userId, secret),
        );
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: { type: 'user', id: principal.userId },
          action: 'identity.mfa.setup_started',
          subject: { type: 'user', id: principal.userId },
          payload: { method: 'totp' },
        });
      },
      { tenantId: principal.tenantId },
    );
    return { secret, otpauthUri, qrCodeSvg };
  }

  /**
   * Completes enrolment with a code from the app: the pending secret becomes the enrolled one, and this session counts
   * as having passed MFA (a session limited to enrolment becomes a full one).
   */
  async confirm(principal: UserPrincipal, code: string): Promise<{ enrolledAt: Date; reauthenticatedAt: Date }> {
    return this.transactions.run(
      async (tx) => {
        const factor = await this.factors.findByUserForUpdate(tx, principal.tenantId, principal.userId);
        if (factor?.enrolledAt) {
          throw new IdentityError('identity/mfa_already_enrolled', 'conflict', 'TOTP is already enrolled');
        }
        const sealed = factor?.pendingSecretCiphertext;
        const secret = sealed ? this.cipher.decrypt(principal.tenantId, principal.userId, sealed) : undefined;
        if (!secret) {
          throw new IdentityError(
            'identity/mfa_setup_not_started',
            'conflict',
            'There is no TOTP setup to confirm: start with POST /v1/auth/mfa/totp/setup',
          );
        }
        const step = verifyTotpCode(secret, code, Date.now());
        if (step === null) {
          // A typo while enrolling is not an attack on the account: the caller is signed in already.
          throw new IdentityError(
            'identity/invalid_totp_code',
            'unprocessable',
            'The code does not match: check the time on your device and enter the current code',
          );
        }
        await this.factors.confirmPending(tx, principal.tenantId, principal.userId, step);
        const reauthenticatedAt = await this.sessions.markMfaSatisfied(tx, principal.sessionId);
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: { type: 'user', id: principal.userId },
          action: 'identity.mfa.enrolled',
          subject: { type: 'user', id: principal.userId },
          payload: { method: 'totp', sessionId: principal.sessionId },
        });
        return { enrolledAt: new Date(), reauthenticatedAt };
      },
      { tenantId: principal.tenantId },
    );
  }

  /**
   * Checks a code inside `tx` with the factor row locked, and on success records its time step, so the same code (or
   * an older one) is refused next time, even when two requests race.
   */
  async checkAndUse(tx: Tx, tenantId: string, userId: string, code: string, now = Date.now()): Promise<TotpCheck> {
    const factor = await this.factors.findByUserForUpdate(tx, tenantId, userId);
    const sealed = factor?.enrolledAt ? factor.secretCiphertext : null;
    if (!factor || !sealed) return 'not_enrolled';
    const secret = this.cipher.decrypt(tenantId, userId, sealed);
    if (!secret) throw new Error(`TOTP secret of user ${userId} does not decrypt (MFA_ENCRYPTION_KEY changed?)`);
    const lastUsed = factor.lastUsedStep === null ? null : Number(factor.lastUsedStep);
    const step = verifyTotpCode(secret, code, now, lastUsed);
    if (step !== null) {
      await this.factors.recordUsedStep(tx, tenantId, userId, step);
      return 'ok';
    }
    return verifyTotpCode(secret, code, now) === null ? 'wrong' : 'replayed';
  }

  /** Enrols a known secret directly (the demo seed); never used for a secret a person chose. */
  async enrolProvisioned(tenantId: string, userId: string, secretBase32: string, tx?: Tx): Promise<void> {
    await this.transactions.join(
      tx,
      (t) => this.factors.enrol(t, tenantId, userId, this.cipher.encrypt(tenantId, userId, secretBase32)),
      { tenantId },
    );
  }
}
