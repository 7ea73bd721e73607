import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { isLocalDate } from './local-date.js';
import { CalendarOverrideDto, CalendarYearDto, DueDateDto, DueDateQueryDto } from './calendar.dto.js';
import { CalendarService } from './calendar.service.js';

@ApiTags('calendar')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: PlatformClock,
  ) {}

  /** Office hours, days off (statutory, compensatory, overridden) and make-up working days of a year. */
  @Get('years/:year')
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  year(@Param('year', ParseIntPipe) year: number): Promise<CalendarYearDto> {
    if (year < 1900 || year > 2200) throw new BadRequestException('year must be between 1900 and 2200');
    return this.calendar.year(year);
  }

  /** The due moment after an amount of working time, from `start` or from now. */
  @Get('due-date')
  @ApiOkResponse({ type: DueDateDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async dueDate(@Query() query: DueDateQueryDto): Promise<DueDateDto> {
    const start = query.start ? new Date(query.start) : this.clock.now();
    const due = await this.calendar.dueDate(start, { days: query.days ?? 0, hours: query.hours ?? 0 });
    return { start: start.toISOString(), dueDate: due.toISOString() };
  }

  @Put('overrides/:date')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Saved' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async setOverride(@Param('date') date: string, @Body() body: CalendarOverrideDto, @CurrentUser() user: AuthenticatedUser) {
    if (!isLocalDate(date)) throw new BadRequestException(`Not a date (YYYY-MM-DD): ${date}`);
    await this.calendar.setOverride({ date, kind: body.kind, name: body.name }, user.username);
  }

  @Delete('overrides/:date')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No override on that date' })
  async removeOverride(@Param('date') date: string) {
    if (!isLocalDate(date)) throw new BadRequestException(`Not a date (YYYY-MM-DD): ${date}`);
    await this.calendar.removeOverride(date);
  }
}
