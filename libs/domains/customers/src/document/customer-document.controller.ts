import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { AddDocumentDto, CustomerDocumentDto, VerifyDocumentDto } from './customer-document.dto.js';
import type { CustomerDocumentEntity } from './customer-document.entity.js';
import { CustomerDocumentService } from './customer-document.service.js';

function toDocumentDto(d: CustomerDocumentEntity): CustomerDocumentDto {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: d.id,
    customerId: d.customerId,
    type: d.type,
    number: d.number,
    issuingCountry: d.issuingCountry,
    expiresOn: d.expiresOn,
    expired: d.expiresOn !== null && d.expiresOn < today,
    verificationStatus: d.verificationStatus,
    provider: d.provider,
    verifiedBy: d.verifiedBy,
    verifiedAt: d.verifiedAt?.toISOString() ?? null,
    decisionReason: d.decisionReason,
    createdAt: d.createdAt.toISOString(),
  };
}

/** KYC documents of a customer (metadata and verification). */
@ApiTags('customers')
@Controller('v1/customers/:id/documents')
export class CustomerDocumentController {
  constructor(private readonly documents: CustomerDocumentService) {}

  @RequirePermission('customers:read')
  @Get()
  @ApiOkResponse({ type: [CustomerDocumentDto] })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CustomerDocumentDto[]> {
    return (await this.documents.list(principal.tenantId, id)).map(toDocumentDto);
  }

  /** Adds a document's metadata; the verification provider (manual review by default) sets its first status. */
  @RequirePermission('customers:write')
  @Post()
  @ApiCreatedResponse({ type: CustomerDocumentDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddDocumentDto,
  ): Promise<CustomerDocumentDto> {
    return toDocumentDto(await this.documents.add(principal, id, body));
  }

  /** A compliance officer's decision on a document waiting for review: verified, or rejected with a reason. */
  @RequirePermission('customers:decide')
  @Post(':documentId/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDocumentDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/document_already_decided`' })
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() body: VerifyDocumentDto,
  ): Promise<CustomerDocumentDto> {
    return toDocumentDto(
      await this.documents.decide(principal, id, documentId, {
        decision: body.decision,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      }),
    );
  }
}
