import { z } from 'zod';

/**
 * One entry per environment variable. `secret` values are never logged or printed; `example` feeds
 * `.env.example`, which `npm run env:example` regenerates from this table.
 */
export interface ConfigVariable {
  readonly schema: z.ZodType;
  readonly description: string;
  readonly secret?: boolean;
  readonly example?: string;
}

const booleanFlag = (fallback: boolean): z.ZodType<boolean> =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (fallback: number, max = 1_000_000): z.ZodType<number> =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

const nonNegativeInt = (fallback: number, max: number): z.ZodType<number> =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be at least 0' })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

const postgresUrl = z
  .url({ error: 'must be a URL such as postgres://user:pass@host:5432/db' })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { error: 'must start with postgres:// or postgresql://' });

const redisUrl = z
  .url({ error: 'must be a URL such as redis://host:6379' })
  .refine((v) => /^rediss?:\/\//.test(v), { error: 'must start with redis:// or rediss://' });

const DURATION_UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `250ms`, `5s`, `30m`, `2h` in milliseconds (the schema has checked the shape). */
function durationMs(value: string): number {
  const [, amount = '0', unit = 'ms'] = /^(\d+)(ms|s|m|h)$/.exec(value) ?? [];
  return Number(amount) * DURATION_UNIT_MS[unit as keyof typeof DURATION_UNIT_MS];
}

const WITNESS_ENTRY = /^https?:\/\/[^|\s]+\|[^|\s]+$/;
const ANCHOR_ENTRY = /^(dir:[^,]+|rfc3161:https?:\/\/[^|\s]+(\|[^|]+)?)$/;

/** The entries of a comma-separated list variable, trimmed, empty ones dropped. */
function listEntries(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

export const configVariables = {
  NODE_ENV: {
    schema: z.enum(['development', 'test', 'production']).default('development'),
    description:
      'Runtime mode. In production DATABASE_URL is required, migrations never run on boot and the embedded database is refused.',
    example: 'production',
  },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Interface the HTTP server binds to. Use 0.0.0.0 in containers and behind a load balancer.',
    example: '0.0.0.0',
  },
  PORT: {
    schema: positiveInt(3000, 65535),
    description: 'HTTP port of the api (and of the admin UI it serves).',
    example: '3000',
  },
  PUBLIC_URL: {
    schema: z.url({ error: 'must be an absolute URL' }).optional(),
    description: 'Public base URL of the api, printed at start and used in links. Defaults to http://localhost:PORT.',
    example: 'https://verity.example.com',
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    description:
      'PostgreSQL connection URL. Unset outside production: `npm start` runs an embedded PostgreSQL under .data/ instead.',
    secret: true,
    example: 'postgres://verity:change-me@db.internal:5432/verity',
  },
  DATABASE_POOL_SIZE: {
    schema: positiveInt(10, 200),
    description: 'Maximum PostgreSQL connections per process.',
    example: '10',
  },
  DATABASE_APP_ROLE: {
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lower-case PostgreSQL role name' })
      .default('verity_app'),
    description:
      'The role the api, worker and CLI act as on every connection (`-c role=…` at connect): `verity_app`, which migrations create; it owns no table and is bound by row-level security. The DATABASE_URL user must be a member of it (in production a LOGIN role that owns nothing). Migrations keep running as the DATABASE_URL user itself. `none` (as in SET ROLE NONE): no switch, only for tests of storage internals that need the owner.',
    example: 'verity_app',
  },
  REDIS_URL: {
    schema: redisUrl.optional(),
    description:
      'Redis connection URL for BullMQ. Unset: BullMQ runs on its PostgreSQL backend in the same database (schema `bullmq`).',
    secret: true,
    example: 'redis://redis.internal:6379',
  },
  QUEUE_PREFIX: {
    schema: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1-40 characters of a-z, 0-9 and -' })
      .default('verity'),
    description: 'Key prefix of the BullMQ queues in Redis, so several installations can share one Redis.',
    example: 'verity',
  },
  EMBEDDED_PG_DIR: {
    schema: z.string().min(1).default('.data/postgres'),
    description: 'Data folder of the embedded PostgreSQL (relative to the project), kept across restarts.',
    example: '.data/postgres',
  },
  SEED_DEMO: {
    schema: booleanFlag(true),
    description: 'Seed the demo tenant (slug `demo`) with demo data when the database has no tenant yet.',
    example: 'true',
  },
  DEMO_PASSWORD: {
    schema: z.string().min(15, { error: 'must be at least 15 characters' }).default('verity-demo-passphrase'),
    description: 'Password of the seeded demo users (printed by `npm start`). Only used when the demo is seeded.',
    secret: true,
    example: 'verity-demo-passphrase',
  },
  DEMO_API_KEY: {
    schema: z
      .string()
      .regex(/^vk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/, { error: 'must be a Verity API key (vk_<12>_<43>)' })
      .default('vk_demointegrat_VerityDemoIntegrationKey-NotForProduction00'),
    description:
      'API key (role integration) of the seeded demo tenant, printed by `npm start` so the API can be called at once.',
    secret: true,
    example: 'vk_demointegrat_VerityDemoIntegrationKey-NotForProduction00',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Minimum level of the structured (pino) logs.',
    example: 'info',
  },
  HTTP_BODY_LIMIT: {
    schema: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, { error: 'must look like 512kb or 1mb' })
      .default('1mb'),
    description: 'Largest accepted request body; larger bodies get 413 problem+json.',
    example: '1mb',
  },
  METRICS_TOKEN: {
    schema: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    description: 'When set, GET /metrics requires `Authorization: Bearer <token>`.',
    secret: true,
    example: 'a-long-random-scrape-token',
  },
  SESSION_IDLE_MINUTES: {
    schema: positiveInt(15, 24 * 60),
    description: 'A session ends after this many minutes without a request.',
    example: '15',
  },
  SESSION_ABSOLUTE_HOURS: {
    schema: positiveInt(12, 24 * 30),
    description: 'A session ends this many hours after sign-in, whatever the activity.',
    example: '12',
  },
  MFA_REQUIRED_ROLES: {
    schema: z
      .string()
      .regex(/^([a-z_]+(,[a-z_]+)*)?$/, {
        error: 'must be role names separated by commas, e.g. admin,compliance_officer',
      })
      .default('admin,compliance_officer')
      .transform((v) => (v === '' ? [] : v.split(','))),
    description:
      'Roles whose holders must use TOTP multi-factor authentication: until they enrol, their session can only enrol (empty: nobody is forced).',
    example: 'admin,compliance_officer',
  },
  MFA_ENCRYPTION_KEY: {
    schema: z
      .string()
      .refine(
        (v) => {
          const key = Buffer.from(v.trim(), 'base64');
          return key.length === 32 && key.toString('base64') === v.trim();
        },
        { error: 'must be the base64 of 32 bytes' },
      )
      .optional(),
    description:
      'Base64 of 32 random bytes: the AES-256-GCM key that encrypts TOTP secrets at rest. Required in production; elsewhere a fixed, public development key is used. Changing it makes every enrolled TOTP secret unreadable (users must enrol again).',
    secret: true,
    example: 'base64-of-32-random-bytes=',
  },
  DEMO_TOTP_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Z2-7]{16,64}$/, { error: 'must be 16-64 base32 characters (A-Z, 2-7, no padding)' })
      .default('VERITYDEMOSECRETNOTFORPRODUCTION'),
    description:
      'TOTP secret (base32) of the seeded demo admin and compliance officer, printed by `npm start` with its otpauth URI so it can be added to an authenticator app. Only used when the demo is seeded.',
    secret: true,
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  APPROVAL_REAUTH_MINUTES: {
    schema: positiveInt(5, 60),
    description:
      'A four-eyes approval is refused unless the approver signed in or re-authenticated (password or TOTP) within this many minutes.',
    example: '5',
  },
  APPROVAL_EXPIRY_HOURS: {
    schema: positiveInt(168, 24 * 90),
    description:
      'A pending approval request can no longer be approved this many hours after it was made (default 7 days).',
    example: '168',
  },
  INVITATION_EXPIRY_HOURS: {
    schema: positiveInt(72, 24 * 30),
    description: 'An invitation link for a new user can be used once, within this many hours of its creation.',
    example: '72',
  },
  OUTBOX_POLL_MS: {
    schema: positiveInt(250, 60_000),
    description: 'How often the outbox relay looks for undelivered jobs when no notification arrives.',
    example: '250',
  },
  SHUTDOWN_GRACE_MS: {
    schema: positiveInt(10_000, 120_000),
    description: 'How long a stopping process waits for in-flight requests and jobs before it exits.',
    example: '10000',
  },
  AUDIT_ORIGIN_PREFIX: {
    schema: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,100}(\/[a-z0-9._-]{1,60}){0,3}$/, {
        error: 'must look like a host name, optionally with a path (audit.example.com or example.com/audit)',
      })
      .default('verity.local'),
    description:
      "Host part of every tenant's audit log origin (`<prefix>/<tenant-slug>`, the first line of its checkpoints) and the name of a generated signing key. Never change it once logs exist: verifiers pin the origin.",
    example: 'audit.verity.example.com',
  },
  AUDIT_SIGNING_KEYS: {
    schema: z.string().optional(),
    description:
      'C2SP signed-note Ed25519 signer keys (`PRIVATE+KEY+<name>+<id>+<key>`), comma-separated, that sign audit checkpoints; only the worker reads them. Two during a rotation: every checkpoint is signed by each. Required in production (or AUDIT_SIGNING_KEY_FILE); elsewhere a key is generated once into .data/audit-signing.key.',
    secret: true,
    example: 'PRIVATE+KEY+audit.verity.example.com+1a2b3c4d+AX...',
  },
  AUDIT_SIGNING_KEY_FILE: {
    schema: z.string().min(1).optional(),
    description:
      'File holding the checkpoint signer keys instead of AUDIT_SIGNING_KEYS (one per line or comma-separated; for mounted secrets).',
    example: '/run/secrets/audit-signing-keys',
  },
  AUDIT_MASTER_KEY: {
    schema: z
      .string()
      .refine(
        (v) =>
          v.split(',').every((k) => {
            const key = Buffer.from(k.trim(), 'base64');
            return key.length === 32 && key.toString('base64') === k.trim();
          }),
        { error: 'must be the base64 of 32 bytes (several comma-separated during a rotation)' },
      )
      .optional(),
    description:
      'Base64 of 32 random bytes that wraps the per-data-subject keys encrypting audit payloads; comma-separated during a rotation (the first wraps new keys, all unwrap). Required in production; elsewhere a fixed, public development key is used.',
    secret: true,
    example: 'base64-of-32-random-bytes=',
  },
  AUDIT_RETENTION_DAYS: {
    schema: nonNegativeInt(1825, 36_500),
    description:
      "Audit entries must be kept this many days: erasing a data subject is refused while any of the subject's entries is younger. 0 disables the rule.",
    example: '1825',
  },
  AUDIT_EXPORT_MAX_ENTRIES: {
    schema: positiveInt(10_000, 1_000_000),
    description:
      'Most entries one evidence pack may hold (`verity audit export` and POST /v1/audit/exports refuse larger selections with audit/export_too_large; export them in index ranges). A pack is built and verified in memory and stored in PostgreSQL as one .tar.gz, so raise it only with the memory to match (payloads are up to 64 KiB each).',
    example: '10000',
  },
  AUDIT_SEQUENCER_POLL_MS: {
    schema: positiveInt(200, 1_000),
    description:
      'How often the worker looks for committed audit entries to add to the Merkle tree (at most 1 s, so checkpoints keep their cadence).',
    example: '200',
  },
  AUDIT_CHECKPOINT_INTERVAL_MS: {
    schema: positiveInt(500, 1_000),
    description: 'Shortest time between two signed checkpoints of one audit log while entries arrive (at most 1 s).',
    example: '500',
  },
  AUDIT_STALL_SECONDS: {
    schema: positiveInt(60, 86_400),
    description:
      'Readiness fails when an audit log with waiting entries has had no new signed checkpoint for this long (the worker stopped, or the log refuses to sign).',
    example: '60',
  },
  AUDIT_WITNESSES: {
    schema: z
      .string()
      .refine((v) => listEntries(v).every((entry) => WITNESS_ENTRY.test(entry)), {
        error: 'must be comma-separated `<http(s) url>|<witness verifier key>` entries',
      })
      .optional(),
    description:
      'Witnesses (c2sp.org/tlog-witness) that cosign audit checkpoints: comma-separated `<submission url>|<cosigner verifier key>` entries, as `verity witness` prints them. Only the worker submits to them; AUDIT_WITNESS_QUORUM says how many must cosign.',
    example: 'https://witness-1.example.org|witness-1.example.org+1a2b3c4d+BAEx...',
  },
  AUDIT_WITNESS_QUORUM: {
    schema: nonNegativeInt(0, 100),
    description:
      'k: how many of AUDIT_WITNESSES must return a valid cosignature before the worker publishes a checkpoint (0: publish without witnesses). While fewer cosign, the previous checkpoint stays published and the worker retries on every pass.',
    example: '0',
  },
  AUDIT_ANCHORS: {
    schema: z
      .string()
      .refine((v) => listEntries(v).every((entry) => ANCHOR_ENTRY.test(entry)), {
        error: 'must be comma-separated `dir:<path>` or `rfc3161:<url>[|<ca file>]` entries',
      })
      .optional(),
    description:
      'Where the worker anchors the latest checkpoint of every audit log: comma-separated `dir:<path>` (a write-once directory, ideally a WORM mount) and `rfc3161:<tsa url>` or `rfc3161:<tsa url>|<CA pem file>` (RFC 3161 time-stamping; set the CA file in production). Unset: `dir:.data/anchors` in development (`npm start`), no anchoring in test and production.',
    example: 'dir:/mnt/worm/verity-anchors,rfc3161:https://tsa.example.com/tsr|/etc/verity/tsa-ca.pem',
  },
  AUDIT_ANCHOR_INTERVAL_SECONDS: {
    schema: positiveInt(60, 86_400),
    description:
      'How often the worker anchors the audit checkpoints not anchored yet (one schedule shared by every worker).',
    example: '60',
  },
  OIDC_ISSUER: {
    schema: z
      .url({ error: 'must be the issuer URL of an OpenID Connect provider, such as https://login.example.com' })
      .refine((v) => /^https?:\/\//.test(v), { error: 'must start with https:// (http:// only outside production)' })
      .optional(),
    description:
      'Issuer URL of the OpenID Connect provider people may sign in through (its /.well-known/openid-configuration is read on first use). Unset: OIDC sign-in is off. Set together with OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_TENANT.',
    example: 'https://login.example.com/realms/verity',
  },
  OIDC_CLIENT_ID: {
    schema: z.string().min(1).max(512).optional(),
    description: 'Client id of Verity as registered at the OIDC provider.',
    example: 'verity',
  },
  OIDC_CLIENT_SECRET: {
    schema: z.string().min(16, { error: 'must be at least 16 characters' }).max(4096).optional(),
    description:
      'Client secret of Verity at the OIDC provider (sent with HTTP Basic to its token endpoint); also keys the encryption of the short-lived sign-in state cookie.',
    secret: true,
    example: 'client-secret-from-the-provider',
  },
  OIDC_TENANT: {
    schema: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be a tenant slug (lower-case letters, digits and -)' })
      .optional(),
    description:
      'Slug of the tenant whose users sign in through the OIDC provider (one provider per installation). Users are never created by sign-in: a person needs an enabled user with the same email in this tenant.',
    example: 'demo',
  },
  OIDC_REDIRECT_URL: {
    schema: z.url({ error: 'must be an absolute URL ending in /v1/auth/oidc/callback' }).optional(),
    description:
      'Redirect URI registered at the OIDC provider. Defaults to PUBLIC_URL (or http://localhost:PORT) + /v1/auth/oidc/callback.',
    example: 'https://verity.example.com/v1/auth/oidc/callback',
  },
  OIDC_SCOPES: {
    schema: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
        error: 'must be scopes separated by single spaces',
      })
      .refine((v) => v.split(' ').includes('openid') && v.split(' ').includes('email'), {
        error: 'must include openid and email (sign-in matches users by their verified email)',
      })
      .default('openid email profile'),
    description: 'Scopes requested from the OIDC provider, space-separated; must include openid and email.',
    example: 'openid email profile',
  },
  OIDC_DISPLAY_NAME: {
    schema: z.string().min(1).max(60).optional(),
    description: 'Name of the provider on the sign-in button ("Sign in with …"). Defaults to "single sign-on".',
    example: 'Acme SSO',
  },
  MONITORING_IDEMPOTENCY_TTL_HOURS: {
    schema: positiveInt(24, 24 * 30),
    description:
      'Hours an Idempotency-Key of POST /v1/transactions is kept with its stored response (a replay within them returns that response); then the cleanup job deletes it.',
    example: '24',
  },
  MONITORING_UNKNOWN_PARTY_POLICY: {
    schema: z.enum(['create', 'reject'], { error: 'must be create or reject' }).default('create'),
    description:
      'What a transaction naming an unknown customer or account does: create (a minimal customer record flagged for KYC, audited) or reject (422 monitoring/unknown_customer).',
    example: 'create',
  },
  MONITORING_FX_RATES: {
    schema: z
      .string()
      .regex(/^[A-Z]{3}=\d+(\.\d+)?(,[A-Z]{3}=\d+(\.\d+)?)*$/, {
        error: 'must be CODE=rate pairs separated by commas, e.g. EUR=1.08,GBP=1.27',
      })
      .optional(),
    description:
      'Rates to the base currency (USD) used for amounts in features, as CODE=rate (1 unit of CODE in USD), overriding the built-in static demo table; a currency in neither is refused.',
    example: 'EUR=1.08,GBP=1.27',
  },
  MONITORING_SCREENING_MIN_SCORE: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be at least 0' })
      .max(1, { error: 'must be at most 1' })
      .default(0.85),
    description:
      "Screening score from which a counterparty's name counts as a hit in the real-time decision (a hit adds a reason and forces review).",
    example: '0.85',
  },
  WEBHOOKS_ALLOW_INSECURE_LOCALHOST: {
    schema: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
    description:
      'Allow webhook endpoints at http(s)://127.0.0.1, localhost or [::1] (plain http included), for local receivers in development and tests. Unset: on outside production, off in production. Whatever it says, other loopback, private, link-local and reserved addresses are always refused (SSRF).',
    example: 'false',
  },
  WEBHOOKS_TIMEOUT_MS: {
    schema: positiveInt(10_000, 60_000),
    description:
      'How long one webhook delivery attempt waits for the endpoint to answer; no answer in time counts as a failed attempt.',
    example: '10000',
  },
  WEBHOOKS_RETRY_SCHEDULE: {
    schema: z
      .string()
      .regex(/^\d{1,7}(ms|s|m|h)(,\d{1,7}(ms|s|m|h)){0,19}$/, {
        error: 'must be 1-20 comma-separated durations such as 5s,5m,30m,2h,5h,10h',
      })
      .default('5s,5m,30m,2h,5h,10h')
      .transform((v) => v.split(',').map(durationMs)),
    description:
      'Delays before each retry of a failed webhook delivery (after the first attempt), comma-separated durations (ms, s, m, h); each is randomised by up to ±10 % (jitter). After the last retry fails the delivery is failed. The default is the Standard Webhooks suggestion.',
    example: '5s,5m,30m,2h,5h,10h',
  },
  CASES_ATTACHMENT_MAX_BYTES: {
    schema: positiveInt(10 * 1024 * 1024, 100 * 1024 * 1024),
    description:
      'Largest file accepted as a case attachment, in bytes (default 10 MiB); a larger upload is refused with 413 cases/attachment_too_large.',
    example: '10485760',
  },
  CASES_ATTACHMENT_TYPES: {
    schema: z
      .string()
      .regex(
        /^(pdf|png|jpeg|gif|webp|txt|csv|docx|xlsx|eml|msg)(,(pdf|png|jpeg|gif|webp|txt|csv|docx|xlsx|eml|msg))*$/,
        {
          error: 'must be a comma-separated list of pdf, png, jpeg, gif, webp, txt, csv, docx, xlsx, eml, msg',
        },
      )
      .default('pdf,png,jpeg,gif,webp,txt,csv,docx,xlsx')
      .transform((v) => v.split(',')),
    description:
      'File types accepted as case attachments, decided from the bytes (never the name or the declared type); others are refused with 415. HTML, SVG and executables are never accepted.',
    example: 'pdf,png,jpeg,gif,webp,txt,csv,docx,xlsx',
  },
  CASES_REPORT_DEADLINE_DAYS: {
    schema: z
      .string()
      .default('{"default":{"suspect":30,"noSuspect":60},"US":{"suspect":30,"noSuspect":60}}')
      .transform((v, ctx) => {
        const rule = z.object({
          suspect: z.number().int().min(1).max(365),
          noSuspect: z.number().int().min(1).max(365),
        });
        let parsed: unknown;
        try {
          parsed = JSON.parse(v);
        } catch {
          parsed = undefined;
        }
        const result = z.record(z.string().regex(/^(default|[A-Z]{2})$/), rule).safeParse(parsed);
        if (!result.success || !('default' in result.data)) {
          ctx.addIssue({
            code: 'custom',
            message:
              'must be JSON mapping "default" and ISO country codes to {"suspect":days,"noSuspect":days}, e.g. {"default":{"suspect":30,"noSuspect":60}}',
          });
          return z.NEVER;
        }
        return result.data;
      }),
    description:
      'Days from the determination (the approved sar_needed closure of a case) to the report due date, per jurisdiction (ISO country code, or "default"), with and without an identified suspect (FinCEN: 30, or 60 when no suspect is identified).',
    example: '{"default":{"suspect":30,"noSuspect":60},"US":{"suspect":30,"noSuspect":60}}',
  },
  CASES_DEFAULT_JURISDICTION: {
    schema: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code' })
      .default('US'),
    description: "The jurisdiction of a case's closure when the closure request names none.",
    example: 'US',
  },
  CASES_REMINDER_DAYS: {
    schema: positiveInt(7, 365),
    description:
      'How many days before a case report is due the hourly deadline scan raises a reminder alert (an overdue alert follows the due date).',
    example: '7',
  },
  CASES_ALERT_INTAKE_EVERY_MS: {
    schema: positiveInt(5000, 3_600_000),
    description:
      'How often the worker turns new monitoring alerts, screening hits and KYC reviews into queued alerts, in milliseconds (one schedule for all workers).',
    example: '5000',
  },
  CASES_DEFAULT_SLA_MINUTES: {
    schema: z
      .string()
      .regex(/^\d+,\d+,\d+,\d+$/, { error: 'must be four whole numbers of minutes: critical,high,medium,low' })
      .default('60,240,1440,4320')
      .transform((v, ctx) => {
        const [critical, high, medium, low] = v.split(',').map(Number);
        if ([critical, high, medium, low].some((m) => m < 1)) {
          ctx.addIssue({ code: 'custom', message: 'every SLA must be at least 1 minute' });
          return z.NEVER;
        }
        return { critical, high, medium, low };
      }),
    description:
      'SLA of the default alert queues per priority, in minutes, as critical,high,medium,low (a queue created without SLAs takes these too).',
    example: '60,240,1440,4320',
  },
  CASES_IDLE_CLAIM_MINUTES: {
    schema: positiveInt(30, 10_080),
    description:
      'Default for new queues: a claimed alert without activity for this many minutes is released back to its queue by the SLA job.',
    example: '30',
  },
  REPORTING_CONTINUING_ACTIVITY_DAYS: {
    schema: positiveInt(90, 366),
    description:
      'Days after a SAR is filed when the continuing-activity review of its case is due (FinCEN: 90 days to review, a continuing SAR within 120); shown on the report deadline board and noticed by the hourly deadline scan.',
    example: '90',
  },
  REPORTING_REMINDER_DAYS: {
    schema: positiveInt(7, 60),
    description:
      'Days before a report is due when the hourly deadline scan records a reminder (once per case and due date); after the due date it records an overdue notice.',
    example: '7',
  },
  REPORTING_BUSINESS_TIMEZONE: {
    schema: z
      .string()
      .refine(
        (v) => {
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: v });
            return true;
          } catch {
            return false;
          }
        },
        { error: 'must be an IANA time zone such as America/New_York' },
      )
      .default('America/New_York'),
    description:
      'IANA time zone of the business day for currency transaction reports: cash in or out of one person over $10,000 within one business day in this zone makes a CTR draft.',
    example: 'America/New_York',
  },
  ISO20022_MAX_BODY_BYTES: {
    schema: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int({ error: 'must be a whole number of bytes' })
      .min(1024, { error: 'must be at least 1024' })
      .max(100 * 1024 * 1024, { error: 'must be at most 104857600 (100 MiB)' })
      .default(10 * 1024 * 1024),
    description:
      'Largest ISO 20022 message accepted by POST /v1/iso20022, in bytes: a larger Content-Length is answered 413 before the body is read, and a body without one is cut off at this size.',
    example: '10485760',
  },
  ISO20022_OWN_BICS: {
    schema: z
      .string()
      .regex(/^([A-Z0-9]{8}([A-Z0-9]{3})?(,[A-Z0-9]{8}([A-Z0-9]{3})?)*)?$/, {
        error: 'must be BICs (8 or 11 characters) separated by commas',
      })
      .default('')
      .transform((v) => (v === '' ? [] : v.split(','))),
    description:
      "The institution's own BICs: an inbound pacs.008 whose debtor agent is one of them is an outgoing payment of the debtor (our customer); otherwise it is incoming for the creditor. An 8-character BIC also matches its branches.",
    example: 'COBADEFFXXX',
  },
  ISO20022_SCREENING_BLOCK_SCORE: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be at least 0' })
      .max(1, { error: 'must be at most 1' })
      .default(0.95),
    description:
      'Screening score from which a party name (or a name in the remittance text) of an inbound ISO 20022 payment rejects the transaction (RJCT, reason RR04); from MONITORING_SCREENING_MIN_SCORE up to this score it is held pending review (PDNG).',
    example: '0.95',
  },
} satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof configVariables;

type SchemaOf<K extends ConfigVariableName> = (typeof configVariables)[K]['schema'];

/** The validated configuration, one typed field per variable. */
export type AppConfigValues = { [K in ConfigVariableName]: z.output<SchemaOf<K>> };

export const configSchema = z.object(
  Object.fromEntries(Object.entries(configVariables).map(([name, v]) => [name, v.schema])) as {
    [K in ConfigVariableName]: SchemaOf<K>;
  },
);

/** Rules across variables, checked on the raw input so they are reported together with the per-variable ones. */
export function crossVariableProblems(input: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (input.NODE_ENV === 'production' && !input.DATABASE_URL) {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is for laptops and tests)');
  }
  if (input.NODE_ENV === 'production' && !input.AUDIT_MASTER_KEY) {
    problems.push('AUDIT_MASTER_KEY is required in production (the development key that replaces it is public)');
  }
  if (input.NODE_ENV === 'production' && !input.MFA_ENCRYPTION_KEY) {
    problems.push('MFA_ENCRYPTION_KEY is required in production (the development key that replaces it is public)');
  }
  const witnesses = listEntries(input.AUDIT_WITNESSES).length;
  const quorum = Number(input.AUDIT_WITNESS_QUORUM ?? 0);
  if (Number.isInteger(quorum) && quorum > witnesses) {
    problems.push(
      `AUDIT_WITNESS_QUORUM (${quorum}) exceeds the number of AUDIT_WITNESSES (${witnesses}): no checkpoint could ever be published`,
    );
  }
  problems.push(...oidcProblems(input));
  return problems;
}

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_TENANT'] as const;
const OIDC_OPTIONAL = ['OIDC_REDIRECT_URL', 'OIDC_SCOPES', 'OIDC_DISPLAY_NAME'] as const;

/** OIDC sign-in is configured completely or not at all, so a typo cannot leave it half on. */
function oidcProblems(input: Record<string, string | undefined>): string[] {
  const set = [...OIDC_REQUIRED, ...OIDC_OPTIONAL].filter((name) => input[name] !== undefined);
  if (set.length === 0) return [];
  const missing = OIDC_REQUIRED.filter((name) => input[name] === undefined);
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required when ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (OIDC sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_TENANT together)`,
    );
  }
  if (input.NODE_ENV === 'production') {
    for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL'] as const) {
      if (input[name]?.startsWith('http://')) problems.push(`${name} must use https:// in production`);
    }
    if (!input.OIDC_REDIRECT_URL && !input.PUBLIC_URL?.startsWith('https://')) {
      problems.push('OIDC_REDIRECT_URL (or an https:// PUBLIC_URL it defaults from) is required in production');
    }
  }
  const redirect = input.OIDC_REDIRECT_URL;
  if (redirect && URL.canParse(redirect) && !new URL(redirect).pathname.endsWith('/v1/auth/oidc/callback')) {
    problems.push('OIDC_REDIRECT_URL must end in /v1/auth/oidc/callback (the route that completes the sign-in)');
  }
  return problems;
}
