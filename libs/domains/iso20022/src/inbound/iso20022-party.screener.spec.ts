import { describe, expect, it } from 'vitest';
import type { AppConfig } from '@platform/config';
import { ScreeningError, type NameScreener } from '@domains/screening';
import { readInboundMessage } from './iso20022-message.reader.js';
import { mapPaymentMessage } from './iso20022-payment.mapper.js';
import { Iso20022PartyScreener } from './iso20022-party.screener.js';
import { buildPaymentMessage } from './payment-message.factory.js';

const config = {
  values: { MONITORING_SCREENING_MIN_SCORE: 0.8, ISO20022_SCREENING_BLOCK_SCORE: 0.95 },
} as unknown as AppConfig;

function message() {
  const read = readInboundMessage(buildPaymentMessage('pacs.008.001.08', { payments: [{ amount: '10.00' }] }), {
    messageType: 'unknown',
    msgId: null,
    businessMessageId: null,
  });
  return mapPaymentMessage(read.messageType, read.document);
}

const screenerThrowing = (error: Error): NameScreener => ({ check: () => Promise.reject(error) });

describe('Iso20022PartyScreener', () => {
  it('treats a name the engine refuses as having no hits', async () => {
    const screener = new Iso20022PartyScreener(
      screenerThrowing(new ScreeningError('screening/name_empty', 'unprocessable', 'no letter')),
      config,
    );
    expect(await screener.screen('tenant', message())).toEqual([{ hits: [], verdict: 'clear' }]);
  });

  it('fails the message instead of clearing it when the screening itself fails', async () => {
    const screener = new Iso20022PartyScreener(screenerThrowing(new Error('index build failed')), config);
    await expect(screener.screen('tenant', message())).rejects.toThrow('index build failed');
  });
});
