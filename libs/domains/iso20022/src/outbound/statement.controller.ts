import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { GenerateStatementDto, GeneratedStatementDto } from './statement.dto.js';
import { StatementService } from './statement.service.js';

/** Outbound camt.053 statements and camt.054 debit/credit notifications. */
@ApiTags('iso20022')
@Controller('v1/iso20022/statements')
export class StatementController {
  constructor(private readonly statements: StatementService) {}

  /**
   * Generates a camt.053.001.08 statement or camt.054.001.08 notification of the account's booked transactions in
   * [from, to), validated against the official XSD, stored in the message log (status `generated`) and recorded in
   * the audit ledger with its SHA-256. Balances: Verity records flows, not balances — the opening booked balance is
   * `openingBalanceMinor` (or 0), the closing one is opening + credits − debits.
   */
  @RequirePermission('iso20022:read')
  @Post()
  @ApiCreatedResponse({ type: GeneratedStatementDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`iso20022/statement_invalid` or a validation error' })
  async generate(
    @CurrentPrincipal() principal: Principal,
    @Body() body: GenerateStatementDto,
  ): Promise<GeneratedStatementDto> {
    const generated = await this.statements.generate(principal.tenantId, actorOf(principal), body);
    return {
      messageId: generated.messageId,
      messageType: generated.messageType,
      msgId: generated.msgId,
      sha256: generated.sha256,
      xml: generated.xml,
      sections: [...generated.sections],
    };
  }
}
