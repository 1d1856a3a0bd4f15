import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { KycLifecycleService } from '../lifecycle/kyc-lifecycle.service.js';
import {
  AccountDto,
  ApproveCustomerDto,
  CreateCustomerDto,
  CustomerDetailDto,
  CustomerListQueryDto,
  CustomerPageDto,
  DecisionDto,
  OpenAccountDto,
  RelatedPartyInputDto,
  SubjectScreeningDto,
  UpdateCustomerDto,
} from './customer.dto.js';
import { CustomerService } from './customer.service.js';
import { toAccountDto, toCustomerDetailDto, toCustomerDto } from './customer.view.js';

/** Customer profiles and their KYC lifecycle. Integration keys create and update profiles too. */
@ApiTags('customers')
@Controller('v1/customers')
export class CustomerController {
  constructor(
    private readonly customers: CustomerService,
    private readonly lifecycle: KycLifecycleService,
  ) {}

  /** Customers of the tenant, newest first, filtered by KYC status, risk rating and a search text. */
  @RequirePermission('customers:read')
  @Get()
  @ApiOkResponse({ type: CustomerPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CustomerListQueryDto): Promise<CustomerPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const page = await this.customers.list(principal.tenantId, {
      limit,
      offset,
      ...(query.status ? { status: query.status } : {}),
      ...(query.rating ? { rating: query.rating } : {}),
      ...(query.search?.trim() ? { search: query.search.trim() } : {}),
    });
    return { items: page.items.map((c) => toCustomerDto(c)), total: page.total, limit, offset };
  }

  /**
   * Creates a customer in `draft` and rates it. Country codes are checked against ISO 3166-1 and LEIs against their
   * ISO 17442 checksum: any problem is a 400 and nothing is stored.
   */
  @RequirePermission('customers:write')
  @Post()
  @ApiCreatedResponse({ type: CustomerDetailDto })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/external_ref_taken`' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCustomerDto): Promise<CustomerDetailDto> {
    return toCustomerDetailDto(await this.customers.create(principal, body));
  }

  /** One customer with its related parties, accounts, risk explanation and why EDD applies. */
  @RequirePermission('customers:read')
  @Get(':id')
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CustomerDetailDto> {
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }

  /** Changes the fields sent. Once submitted, the customer is re-screened; the rating is always recomputed. */
  @RequirePermission('customers:write')
  @Patch(':id')
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/external_ref_taken`' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerDetailDto> {
    return toCustomerDetailDto(await this.customers.update(principal, id, body));
  }

  /** Adds a director, beneficial owner… to a business (screened and rated with it). */
  @RequirePermission('customers:write')
  @Post(':id/related-parties')
  @ApiCreatedResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async addRelatedParty(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RelatedPartyInputDto,
  ): Promise<CustomerDetailDto> {
    return toCustomerDetailDto(await this.customers.addRelatedParty(principal, id, body));
  }

  @RequirePermission('customers:write')
  @Delete(':id/related-parties/:partyId')
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async removeRelatedParty(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('partyId', ParseUUIDPipe) partyId: string,
  ): Promise<CustomerDetailDto> {
    return toCustomerDetailDto(await this.customers.removeRelatedParty(principal, id, partyId));
  }

  /** Registers an account of the customer (the provider's account reference, unique in the tenant). */
  @RequirePermission('customers:write')
  @Post(':id/accounts')
  @ApiCreatedResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/external_ref_taken`' })
  async openAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OpenAccountDto,
  ): Promise<AccountDto> {
    return toAccountDto(await this.customers.openAccount(principal, id, body));
  }

  /** The screening outcome (hits with score and explanation) of the customer and each related party. */
  @RequirePermission('customers:read')
  @Get(':id/screening')
  @ApiOkResponse({ type: [SubjectScreeningDto] })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async screening(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SubjectScreeningDto[]> {
    const outcomes = await this.customers.screening(principal.tenantId, id);
    return outcomes.map((o) => ({
      kind: o.kind,
      subjectId: o.subjectId,
      name: o.name,
      status: o.status,
      bestScore: o.bestScore,
      hits: o.hits.map((h) => ({ ...h, explanation: [...h.explanation] })),
    }));
  }

  /** draft → screening → review: screens the customer and its related parties and rates it. */
  @RequirePermission('customers:write')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/invalid_transition`' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CustomerDetailDto> {
    await this.lifecycle.submit(principal, id);
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }

  /**
   * review → approved. Needs the EDD checklist when enhanced due diligence applies; refused while screening has open
   * or confirmed hits. Schedules the next periodic review by the rating.
   */
  @RequirePermission('customers:decide')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({
    type: ProblemDetails,
    description: '`customers/invalid_transition`, `customers/screening_unresolved`',
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`customers/edd_incomplete`' })
  async approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveCustomerDto,
  ): Promise<CustomerDetailDto> {
    await this.lifecycle.approve(principal, id, body.reason.trim(), body.edd);
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }

  /** review → rejected. */
  @RequirePermission('customers:decide')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/invalid_transition`' })
  async reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionDto,
  ): Promise<CustomerDetailDto> {
    await this.lifecycle.reject(principal, id, body.reason.trim());
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }

  /** approved | rejected → review, opening a manual review task. */
  @RequirePermission('customers:decide')
  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/invalid_transition`' })
  async startReview(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionDto,
  ): Promise<CustomerDetailDto> {
    await this.lifecycle.startReview(principal, id, body.reason.trim());
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }

  /** any → exited (final). */
  @RequirePermission('customers:decide')
  @Post(':id/exit')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/invalid_transition`' })
  async exit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionDto,
  ): Promise<CustomerDetailDto> {
    await this.lifecycle.exit(principal, id, body.reason.trim());
    return toCustomerDetailDto(await this.customers.get(principal.tenantId, id));
  }
}
