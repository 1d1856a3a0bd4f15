import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { ProblemDetails } from '@platform/http';
import { ReportingError } from '../reporting.errors.js';
import type { ReportInstitutionEntity } from './report-institution.entity.js';
import { ReportInstitutionDto, ReportInstitutionViewDto } from './report-institution.dto.js';
import { ReportInstitutionService } from './report-institution.service.js';

/** The tenant's filing institution: who files its regulator reports. */
@ApiTags('reports')
@Controller('v1/reporting/institution')
export class ReportInstitutionController {
  constructor(private readonly institutions: ReportInstitutionService) {}

  /** The institution; 404 `reporting/institution_missing` until it is set. */
  @RequirePermission('reports:read')
  @Get()
  @ApiOkResponse({ type: ReportInstitutionViewDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal): Promise<ReportInstitutionViewDto> {
    const found = await this.institutions.get(principal.tenantId);
    if (!found) {
      throw new ReportingError('reporting/institution_missing', 'not_found', 'The filing institution is not set up');
    }
    return viewOf(found);
  }

  /** Sets (or replaces) the institution (audited). */
  @RequirePermission('reports:write')
  @Put()
  @ApiOkResponse({ type: ReportInstitutionViewDto })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReportInstitutionDto,
  ): Promise<ReportInstitutionViewDto> {
    const saved = await this.institutions.put(principal, {
      name: body.name,
      goamlEntityId: body.goamlEntityId,
      tin: body.tin,
      tinType: body.tinType,
      federalRegulator: body.federalRegulator,
      institutionType: body.institutionType,
      ...(body.transmitterControlCode ? { transmitterControlCode: body.transmitterControlCode } : {}),
      address: { ...body.address },
      contact: { ...body.contact },
      localCurrency: body.localCurrency ?? 'USD',
      jurisdiction: body.jurisdiction ?? 'US',
    });
    return viewOf(saved);
  }
}

function viewOf(i: ReportInstitutionEntity): ReportInstitutionViewDto {
  return {
    name: i.name,
    goamlEntityId: i.goamlEntityId,
    tin: i.tin,
    tinType: i.tinType,
    federalRegulator: i.federalRegulator,
    institutionType: i.institutionType,
    ...(i.transmitterControlCode ? { transmitterControlCode: i.transmitterControlCode } : {}),
    address: i.address,
    contact: i.contact,
    localCurrency: i.localCurrency,
    jurisdiction: i.jurisdiction,
    updatedBy: i.updatedBy,
    updatedAt: i.updatedAt.toISOString(),
  };
}
