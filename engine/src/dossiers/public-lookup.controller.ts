import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Public } from '../auth/decorators.js';
import { LookupRateLimitGuard } from './lookup-rate-limit.js';
import { PublicLookupService } from './public-lookup.service.js';

export class LookupQuery {
  /** The code on the receipt, e.g. UBND-XA-HH-250612-0001. */
  @IsString()
  @Length(1, 64)
  code!: string;

  /** The applicant's personal identity number (12 digits) or old identity card number (9 digits). */
  @Matches(/^(\d{9}|\d{12})$/, { message: 'idNumber must be 9 or 12 digits' })
  idNumber!: string;
}

@ApiTags('dossiers')
@Controller('api/public/dossiers')
export class PublicLookupController {
  constructor(private readonly lookups: PublicLookupService) {}

  @Get('lookup')
  @Public()
  @UseGuards(LookupRateLimitGuard)
  @ApiOperation({ summary: 'A dossier’s progress without an account: code, procedure, status and dates, when both the code and the applicant’s identity number match (404 otherwise).' })
  @ApiTooManyRequestsResponse({ description: 'Too many lookups from this address; Retry-After says when to try again.' })
  lookup(@Query() query: LookupQuery) {
    return this.lookups.lookup(query.code, query.idNumber);
  }
}
