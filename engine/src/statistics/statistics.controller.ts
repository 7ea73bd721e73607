import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { localDay } from '../dossiers/dossier-code.js';
import { DossierStatisticsDto, IndicatorsDto, StatisticsQuery } from './statistics.dto.js';
import { StatisticsService } from './statistics.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles(Role.Supervisor, Role.Leader)
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Supervisors and leaders only' })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('api/statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('dossiers')
  @ApiOperation({
    summary:
      'Dossiers submitted in a period, per agency, procedure, level or period: received by channel, resolved early / on time / late, in progress, overdue, paused. Leaders see their agency.',
  })
  @ApiOkResponse({ type: DossierStatisticsDto })
  dossiers(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery): Promise<DossierStatisticsDto> {
    return this.statistics.dossiers(user, query);
  }

  @Get('indicators')
  @ApiOperation({ summary: 'Decision 766/QĐ-TTg indicators from the platform’s records: progress, digitisation, online services, satisfaction.' })
  @ApiOkResponse({ type: IndicatorsDto })
  indicators(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery): Promise<IndicatorsDto> {
    return this.statistics.indicators(user, query);
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @Header('content-type', XLSX)
  @ApiOperation({ summary: 'The same figures and indicators as an Excel workbook.' })
  async export(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery) {
    const [dossiers, indicators] = await Promise.all([this.statistics.dossiers(user, query), this.statistics.indicators(user, query)]);
    // The workbook library is large and needed only here: loaded on the first export, not at start.
    const { statisticsWorkbook } = await import('./statistics-workbook.js');
    const offset = this.config.CALENDAR_UTC_OFFSET_MINUTES;
    const content = await statisticsWorkbook({
      title: 'Thống kê tình hình giải quyết hồ sơ thủ tục hành chính',
      groupBy: dossiers.groupBy,
      filter: dossiers.filter,
      rows: dossiers.rows,
      total: dossiers.total,
      indicators,
      scored: indicators.decision766,
      utcOffsetMinutes: offset,
    });
    // Named by the local days of the period, as the header writes them.
    const name = `thong-ke-ho-so-${localDay(new Date(dossiers.filter.from), offset)}-${localDay(new Date(dossiers.filter.to), offset)}.xlsx`;
    return new StreamableFile(content, { disposition: `attachment; filename="${name}"`, type: XLSX });
  }
}
