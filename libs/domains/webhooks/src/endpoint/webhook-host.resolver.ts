import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';

/** The DNS driver: every address a host name resolves to, as the system resolver (and so fetch) would find them. */
@Injectable()
export class WebhookHostResolver {
  async resolve(host: string): Promise<string[]> {
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map((entry) => entry.address);
  }
}
