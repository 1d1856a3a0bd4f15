import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { checkWebhookUrl, isForbiddenWebhookAddress, refused } from './webhook-address.policy.js';
import { WebhookHostResolver } from './webhook-host.resolver.js';

/**
 * Decides whether a URL may receive webhooks: the static checks of `checkWebhookUrl`, then every address its host name
 * resolves to must be public. It runs when an endpoint is created and again before each attempt, so a name that
 * later resolves inward is refused then. What it cannot stop is a resolver answering differently in the moment
 * between this check and fetch's own lookup (DNS rebinding with a zero TTL); pinning the checked address would need
 * a custom connector, which global fetch does not take.
 */
@Injectable()
export class WebhookTargetPolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly resolver: WebhookHostResolver,
  ) {}

  get allowInsecureLocalhost(): boolean {
    return this.config.values.WEBHOOKS_ALLOW_INSECURE_LOCALHOST ?? !this.config.isProduction;
  }

  /** The URL, normalised; throws `webhooks/url_not_allowed`. */
  async check(raw: string): Promise<URL> {
    const checked = checkWebhookUrl(raw, { allowInsecureLocalhost: this.allowInsecureLocalhost });
    if (checked.local || checked.literal) return checked.url;
    let addresses: string[];
    try {
      addresses = await this.resolver.resolve(checked.host);
    } catch {
      throw refused(raw, `${checked.host} does not resolve`);
    }
    const inward = addresses.find((address) => isForbiddenWebhookAddress(address));
    if (addresses.length === 0 || inward !== undefined) {
      throw refused(raw, `${checked.host} resolves to ${inward ?? 'no address'}, which is not a public address`);
    }
    return checked.url;
  }
}
