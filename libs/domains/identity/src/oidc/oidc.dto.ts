import { ApiProperty } from '@nestjs/swagger';

export class OidcStatusDto {
  /** Whether single sign-on through the installation's OpenID Connect provider is configured (show the button). */
  enabled: boolean;
  /** The provider's name for the button ("Sign in with …"); null when single sign-on is off. */
  @ApiProperty({ type: String, nullable: true, example: 'Acme SSO' })
  displayName: string | null;
}
