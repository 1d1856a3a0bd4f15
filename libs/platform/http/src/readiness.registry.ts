import { Injectable } from '@nestjs/common';

export interface ReadinessCheckResult {
  readonly status: 'up' | 'down';
  readonly detail?: string;
}

/**
 * A domain's part in /health/ready. The platform cannot import domains, so a domain registers a contributor here
 * (usually from its http module's onModuleInit) and the health controller runs it with the platform's own checks.
 */
export interface ReadinessContributor {
  /** Key of the check in the readiness answer: `audit`. */
  readonly name: string;
  check(): Promise<ReadinessCheckResult>;
}

@Injectable()
export class ReadinessRegistry {
  private readonly contributors = new Map<string, ReadinessContributor>();

  register(contributor: ReadinessContributor): void {
    if (['database', 'queue', 'migrations'].includes(contributor.name)) {
      throw new Error(`readiness check name ${contributor.name} is the platform's own`);
    }
    this.contributors.set(contributor.name, contributor);
  }

  get all(): readonly ReadinessContributor[] {
    return [...this.contributors.values()];
  }
}
