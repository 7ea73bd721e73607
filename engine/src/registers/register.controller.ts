import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';
import { DossierRegisterService } from './dossier-register.service.js';
import { RegisterQuery } from './register.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

@ApiTags('registers')
@ApiBearerAuth()
@Roles(Role.Reception, Role.Leader, Role.Supervisor)
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The agency’s reception officers and leaders, and supervisors' })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('api/registers')
export class RegisterController {
  constructor(private readonly registers: DossierRegisterService) {}

  @Get('dossiers.pdf')
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'The register', content: { [PDF]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Sổ theo dõi hồ sơ: the dossiers a centre received in a period with their dates (received, appointment, transferred, result, returned), as PDF.' })
  async pdf(@CurrentUser() user: AuthenticatedUser, @Query() query: RegisterQuery) {
    const register = await this.registers.register(user, query);
    return new StreamableFile(await this.registers.pdf(register), { disposition: `attachment; filename="${this.registers.fileName(register, 'pdf')}"`, type: PDF });
  }

  @Get('dossiers.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The register', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'The same register as an Excel workbook.' })
  async workbook(@CurrentUser() user: AuthenticatedUser, @Query() query: RegisterQuery) {
    const register = await this.registers.register(user, query);
    return new StreamableFile(await this.registers.workbook(register), { disposition: `attachment; filename="${this.registers.fileName(register, 'xlsx')}"`, type: XLSX });
  }
}
