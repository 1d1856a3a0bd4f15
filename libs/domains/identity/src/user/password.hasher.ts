import { Injectable } from '@nestjs/common';
import { argon2Verify, argon2id } from 'hash-wasm';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), as a PHC string. WebAssembly rather than a
 * native addon: the same code runs on every machine with no compiler and no platform-specific prebuild.
 */
const PARAMETERS = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;

@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2id({ ...PARAMETERS, password, salt: randomBytes(16), outputType: 'encoded' });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify({ password, hash });
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('verity-timing-equaliser');
    await this.verify(await this.dummy, password);
    return false;
  }
}
