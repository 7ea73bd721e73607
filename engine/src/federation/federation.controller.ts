import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { FederationKeysDto, FederationReceiptDto, toFederationKeysDto, toFederationReceiptDto } from './federation.dto.js';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public } from '../auth/decorators.js';
import { FederationService } from './federation.service.js';

export class FederationMessageDto {
  @ApiProperty({ description: 'Compact JWS signed by the sending instance (iss, aud, iat, jti, kind and the message claims)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64_000)
  message!: string;
}

/** Platform-to-platform exchange: no user token; the message's own signature authenticates it. */
@ApiTags('federation')
@Controller()
export class FederationController {
  constructor(private readonly federation: FederationService) {}

  @Post('api/federation/messages')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'A signed message from a peer instance (consultation request or answer). 401 unless signed by a configured peer for this instance within the freshness window; a repeated message id gets the first receipt again.',
  })
  @ApiOkResponse({ type: FederationReceiptDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Not signed by a configured peer for this instance, or not fresh' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A different message under a message id already used' })
  async receive(@Body() body: FederationMessageDto) {
    return toFederationReceiptDto(await this.federation.receive(body.message));
  }

  @Get('.well-known/mot-cua-federation')
  @Public()
  @ApiOperation({ summary: 'This instance’s id and the public key (JWK) its messages are signed with, for peers to configure.' })
  @ApiOkResponse({ type: FederationKeysDto })
  keys(): FederationKeysDto {
    return toFederationKeysDto(this.federation.publicKeys());
  }
}
