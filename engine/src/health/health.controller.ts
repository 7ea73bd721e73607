import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthDto, UnavailableDto } from './health.dto.js';
import { Public } from '../auth/decorators.js';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a query. */
  @Get('ready')
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: UnavailableDto, description: 'The database does not answer' })
  async ready(): Promise<HealthDto> {
    try {
      await this.db.execute(sql`select 1`);
      return { status: 'ok', database: 'up' };
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: (error as Error).message });
    }
  }
}
