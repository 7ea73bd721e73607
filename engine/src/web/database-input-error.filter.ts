import { ArgumentsHost, BadRequestException, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { databaseInputError } from './database-input-error.js';

/** Answers a PostgreSQL data exception with 400 naming it; everything else goes to Nest's own handling. */
@Catch()
export class DatabaseInputErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('DatabaseInput');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const problem = databaseInputError(exception);
    if (!problem) return super.catch(exception, host);
    this.logger.warn(problem);
    super.catch(new BadRequestException(problem), host);
  }
}
