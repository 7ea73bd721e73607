import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { StatisticsQuery } from './statistics.dto.js';
import { StatisticsService } from './statistics.service.js';
import { statisticsWorkbook } from './statistics-workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles(Role.Supervisor, Role.Leader)
@Controller('api/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('dossiers')
  @ApiOperation({
    summary:
      'Dossiers submitted in a period, per agency, procedure, level or period: received by channel, resolved early / on time / late, in progress, overdue, paused. Leaders see their agency.',
  })
  dossiers(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery) {
    return this.statistics.dossiers(user, query);
  }

  @Get('indicators')
  @ApiOperation({ summary: 'Decision 766/QĐ-TTg indicators from the platform’s records: progress, digitisation, online services, satisfaction.' })
  indicators(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery) {
    return this.statistics.indicators(user, query);
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX)
  @Header('content-type', XLSX)
  @ApiOperation({ summary: 'The same figures and indicators as an Excel workbook.' })
  async export(@CurrentUser() user: AuthenticatedUser, @Query() query: StatisticsQuery) {
    const [dossiers, indicators] = await Promise.all([this.statistics.dossiers(user, query), this.statistics.indicators(user, query)]);
    const content = await statisticsWorkbook({ title: 'Thống kê tình hình giải quyết hồ sơ thủ tục hành chính', groupBy: dossiers.groupBy, filter: dossiers.filter, rows: dossiers.rows, total: dossiers.total, indicators });
    const name = `thong-ke-ho-so-${dossiers.filter.from.slice(0, 10)}-${dossiers.filter.to.slice(0, 10)}.xlsx`;
    return new StreamableFile(content, { disposition: `attachment; filename="${name}"`, type: XLSX });
  }
}
