import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { PublicLookupDto, toPublicLookupDto } from './public-lookup.dto.js';
import { IsString, Length, Matches } from 'class-validator';
import { Public } from '../auth/decorators.js';
import { clientRateLimit } from '../web/client-rate-limit.js';

/** A burst of ten lookups, then one every six seconds (ten a minute). */
export const LOOKUP_BURST = 10;

/**
 * The lookup needs no account and tells whether a dossier code and an identity number belong
 * together; dossier codes are predictable (agency, date, sequence) and identity numbers have a known
 * structure (province, sex and century, year of birth), so without a limit anyone could try pairs
 * until one answers and learn who filed which dossier. A person checking a dossier needs a few
 * lookups; a guesser needs millions.
 */
const LookupRateLimit = clientRateLimit({ burst: LOOKUP_BURST, refillPerSecond: 1 / 6, tooMany: 'Too many lookups from this address' });
import { PublicLookupService } from './public-lookup.service.js';

export class LookupQuery {
  /** The code on the receipt, e.g. UBND-XA-HH-250612-0001. */
  @IsString()
  @Length(1, 64)
  code!: string;

  /**
   * The applicant's identity number as typed on the application form: personal identity number
   * (12 digits), old identity card number (9 digits), or passport number (a letter and 7 or 8 digits,
   * which the criminal record certificate form accepts).
   */
  @Matches(/^(\d{9}|\d{12}|[A-Za-z]\d{7,8})$/, { message: 'idNumber must be 9 or 12 digits, or a passport number' })
  idNumber!: string;
}

@ApiTags('dossiers')
@Controller('api/public/dossiers')
export class PublicLookupController {
  constructor(private readonly lookups: PublicLookupService) {}

  @Get('lookup')
  @Public()
  @UseGuards(LookupRateLimit)
  @ApiOperation({ summary: 'A dossier’s progress without an account: code, procedure, status and dates, when both the code and the applicant’s identity number (recorded, or typed on the application form) match (404 otherwise).' })
  @ApiOkResponse({ type: PublicLookupDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No dossier matches this code and identity number' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many lookups from this address; Retry-After says when to try again.' })
  async lookup(@Query() query: LookupQuery) {
    return toPublicLookupDto(await this.lookups.lookup(query.code, query.idNumber));
  }
}
