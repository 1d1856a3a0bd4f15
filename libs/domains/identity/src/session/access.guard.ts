import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { PUBLIC_ROUTE, RateLimitStore } from '@platform/http';
import { TenantContext } from '@platform/database';
import { ApiKeyService } from '../api-key/api-key.service.js';
import type { Principal } from './principal.js';
import { IdentityError } from '../identity.errors.js';
import { roleGrants, type Permission } from '../identity.permissions.js';
import { REQUIRED_PERMISSION, type AuthenticatedRequest } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { OPEN_BEFORE_MFA } from './mfa.decorators.js';
import { SESSION_COOKIE, readCookie } from './session.cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Deny by default: a route passes only if it is explicitly public, or it declares a permission that one of the
 * caller's roles grants. Cookie-authenticated changes must also carry the session's CSRF token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly keys: ApiKeyService,
    private readonly rateLimits: RateLimitStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      throw new IdentityError('identity/forbidden', 'forbidden', 'This route declares no permission and is closed');
    }
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const principal = await this.authenticate(req, res);
    if (
      principal.kind === 'user' &&
      principal.mfa.required &&
      !principal.mfa.satisfied &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_MFA, targets)
    ) {
      throw new IdentityError(
        'identity/mfa_enrollment_required',
        'forbidden',
        principal.mfa.enrolled
          ? 'Your roles require multi-factor authentication: confirm a TOTP code (POST /v1/auth/reauthenticate) first'
          : 'Your roles require multi-factor authentication: enrol TOTP (POST /v1/auth/mfa/totp/setup, then /confirm) first',
      );
    }
    if (!principal.roles.some((role) => roleGrants(role, permission))) {
      throw new IdentityError('identity/forbidden', 'forbidden', `Your roles do not grant ${permission}`);
    }
    req.principal = principal;
    // Every transaction of this request now acts as the caller's tenant (row-level security).
    TenantContext.assign(principal.tenantId);
    return true;
  }

  /**
   * A bearer API key when the request carries one (machine access: no cookie, so no CSRF check, but a per-key rate
   * limit); otherwise the session cookie, whose state changes must carry the session's CSRF token.
   */
  private async authenticate(req: Request, res: Response): Promise<Principal> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer (\S+)$/.exec(authorization);
      const key = match?.[1] ? await this.keys.authenticate(match[1]) : null;
      if (!key) throw new IdentityError('identity/unauthenticated', 'unauthenticated', 'Invalid or revoked API key');
      const rate = await this.rateLimits.hit(`key:${key.keyId}`, key.rateLimitPerMinute);
      res.setHeader('RateLimit-Limit', String(rate.limit));
      res.setHeader('RateLimit-Remaining', String(rate.remaining));
      res.setHeader('RateLimit-Reset', String(rate.resetSeconds));
      if (!rate.allowed) {
        res.setHeader('Retry-After', String(rate.resetSeconds));
        throw new IdentityError(
          'identity/rate_limited',
          'rate_limited',
          `Rate limit of ${rate.limit} requests a minute reached`,
        );
      }
      return { kind: 'key', tenantId: key.tenantId, keyId: key.keyId, keyName: key.name, roles: [key.role] };
    }
    const token = readCookie(req, SESSION_COOKIE);
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal) {
      throw new IdentityError('identity/unauthenticated', 'unauthenticated', 'Sign in first (no valid session)');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken)) {
        throw new IdentityError('identity/csrf_token_invalid', 'forbidden', 'Missing or wrong X-CSRF-Token header');
      }
    }
    return principal;
  }
}
