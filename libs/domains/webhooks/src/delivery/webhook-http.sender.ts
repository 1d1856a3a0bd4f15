import { Injectable } from '@nestjs/common';

/** What one POST came to. */
export interface WebhookSendResult {
  /** The HTTP status answered; null when there was no answer (timeout, refused, reset, DNS). */
  readonly statusCode: number | null;
  /** Why it failed, for people: null for a 2xx answer. */
  readonly error: string | null;
  readonly durationMs: number;
}

const MAX_ERROR_LENGTH = 500;

/**
 * The HTTP driver: one POST with global fetch. Redirects are not followed (a redirect could lead to an internal
 * address the target policy never saw): a 3xx is a failed attempt. The answer's body is read and dropped.
 */
@Injectable()
export class WebhookHttpSender {
  async send(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookSendResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        statusCode: response.status,
        error: ok
          ? null
          : `the endpoint answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        durationMs: elapsed(),
      };
    } catch (error) {
      return { statusCode: null, error: describe(error, timeoutMs), durationMs: elapsed() };
    }
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? `${error.message}${cause}` : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}
