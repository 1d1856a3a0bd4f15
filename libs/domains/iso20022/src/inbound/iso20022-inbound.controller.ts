import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiBadRequestResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@platform/config';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { Iso20022Error } from '../iso20022.errors.js';
import { Iso20022InboundService } from './iso20022-inbound.service.js';

const XML_TYPE = /^(application|text)\/xml\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

@ApiTags('iso20022')
@Controller('v1/iso20022')
export class Iso20022InboundController {
  constructor(
    private readonly inbound: Iso20022InboundService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Takes one ISO 20022 payment message — pacs.008.001.08, pain.001.001.09 or pain.001.001.03, bare `Document` or in
   * an envelope with a head.001.001.02 `AppHdr` — screens and decides each transaction, and answers with the
   * pacs.002.001.10 (for pacs.008) or pain.002.001.10 (for pain.001) status report. Body: UTF-8 XML, at most
   * ISO20022_MAX_BODY_BYTES, no DTD, nesting ≤ 64, ≤ 1,000 transactions. Refusals are problem+json (400 unreadable,
   * 413 too large, 422 unsupported / schema-invalid / not takeable) and leave only a rejection record.
   */
  @RequirePermission('iso20022:ingest')
  @Post()
  @HttpCode(200)
  @ApiConsumes('application/xml', 'text/xml')
  @ApiProduces('application/xml')
  @ApiBody({ schema: { type: 'string', format: 'xml' } })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Optional, 1-200 printable ASCII characters; defaults to the SHA-256 of the body. The same message sent again with the same key gets the same decisions (`Idempotent-Replayed: true`), never a second set; the same key with another message is 422.',
  })
  @ApiOkResponse({ description: 'The pacs.002.001.10 / pain.002.001.10 status report (application/xml)' })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Not XML, not UTF-8, a DTD, nesting too deep' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({
    type: ProblemDetails,
    description: 'Unsupported message, schema-invalid (`errors`: line, column, element, message), amounts',
  })
  async receive(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const caller = { tenantId: principal.tenantId, actor: actorOf(principal) };
    const idempotencyKey = Iso20022InboundService.checkIdempotencyKey(key);
    const contentType = req.headers['content-type'] ?? '';
    if (!XML_TYPE.test(contentType)) {
      throw new Iso20022Error(
        'iso20022/malformed_xml',
        'invalid',
        `Content-Type must be application/xml or text/xml (UTF-8), not ${contentType || 'missing'}`,
      );
    }
    const max = this.config.values.ISO20022_MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      // Answered from the header, without reading the body; the connection is closed so the rest is never taken.
      res.setHeader('Connection', 'close');
      const error = tooLarge(max);
      await this.inbound.rejectUnread(caller, error, declared);
      throw error;
    }
    const body = await readBounded(req, max);
    if (body === null) {
      res.setHeader('Connection', 'close');
      const error = tooLarge(max);
      await this.inbound.rejectUnread(caller, error, max + 1);
      throw error;
    }
    const answer = await this.inbound.receive(caller, body, idempotencyKey);
    res.type('application/xml; charset=utf-8');
    res.setHeader('Iso20022-Message-Id', answer.inboundMessageId);
    res.setHeader('Iso20022-Report-Id', answer.reportMessageId);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.xml;
  }
}

function tooLarge(max: number): Iso20022Error {
  return new Iso20022Error('iso20022/body_too_large', 'too_large', `The message is larger than ${max} bytes`);
}

/**
 * The raw body, read here rather than by a global parser (the api's parsers take JSON only): at most `max` bytes
 * are kept; past that the reading stops and null is answered (the caller answers 413 and closes the connection).
 */
async function readBounded(req: Request, max: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > max) {
      req.unpipe();
      req.pause();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
