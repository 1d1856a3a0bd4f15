import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemDetails, Public } from '@platform/http';
import { AcceptInvitationDto } from './user-admin.dto.js';
import { UserAdminService } from './user-admin.service.js';

@ApiTags('auth')
@Controller('v1/auth/invitations')
export class InvitationController {
  constructor(private readonly users: UserAdminService) {}

  /**
   * Sets the invited user's password. The token works once, within its lifetime; the user then signs in as usual.
   * Public: the token is the credential.
   */
  @Public()
  @Post('accept')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({
    type: ProblemDetails,
    description: '`identity/password_rejected` with the reasons; the invitation stays usable',
  })
  @ApiUnauthorizedResponse({ type: ProblemDetails, description: '`identity/invitation_invalid`' })
  async accept(@Body() body: AcceptInvitationDto): Promise<void> {
    await this.users.acceptInvitation(body.token, body.password);
  }
}
