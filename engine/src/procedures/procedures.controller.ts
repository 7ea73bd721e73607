import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type {} from 'multer';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Public } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { assembleBundle, BundleError, type ProcedureBundle } from './bundle.js';
import { bundleFromZip, bundleToZip } from './bundle-io.js';
import { catalogueFromRecord, CatalogueRecordError } from './national-catalogue.js';
import { BundleFilesDto, DiffQueryDto, ImportCatalogueDto, MigrationPlanDto, PublishDto, RollbackDto, StatusQueryDto } from './procedures.dto.js';
import { assertManages, ManagesProcedure } from './manages-procedure.js';
import { ProceduresService } from './procedures.service.js';
import {
  BundleDiffDto,
  BundleDto,
  DraftSavedDto,
  LintReportDto,
  MigrationCheckDto,
  MigrationResultDto,
  ProcedureDto,
  PublishedApplicationFormDto,
  PublishedProcedureDto,
  PublishResultDto,
  toBundleDiffDto,
  toBundleDto,
  toDraftSavedDto,
  toLintReportDto,
  toMigrationCheckDto,
  toMigrationResultDto,
  toProcedureDto,
  toPublishedApplicationFormDto,
  toPublishedProcedureDto,
  toPublishResultDto,
  toVersionDto,
  toVersionSummaryDto,
  VersionDto,
  VersionSummaryDto,
} from './procedure-responses.dto.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';

const zipResponse = { description: 'The bundle zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } } as const;
const notPublished = { type: ErrorResponseDto, description: 'No such procedure, or it is not published' } as const;

export const MAX_ZIP_BYTES = 10 * 1024 * 1024;

function zipFile(bundle: ProcedureBundle, name: string): StreamableFile {
  return new StreamableFile(Buffer.from(bundleToZip(bundle)), {
    type: 'application/zip',
    disposition: `attachment; filename="${name}.zip"`,
  });
}

function asBundle<T = ProcedureBundle>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BundleError || error instanceof CatalogueRecordError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, problems: error.problems });
    throw error;
  }
}

/** The public catalogue: published procedures, for citizens before they log in. */
@ApiTags('procedures')
@Controller('api/public/procedures')
export class PublicProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published procedures with their catalogue data (current version).' })
  @ApiOkResponse({ type: [PublishedProcedureDto] })
  async list() {
    return (await this.procedures.publishedCatalogue()).map(toPublishedProcedureDto);
  }

  @Get(':slugOrCode/application-form')
  @Public()
  @ApiOperation({ summary: 'The application form (form-js schema) of the current published version, with that version number; 404 when not published.' })
  @ApiOkResponse({ type: PublishedApplicationFormDto })
  @ApiNotFoundResponse(notPublished)
  async applicationForm(@Param('slugOrCode') slugOrCode: string) {
    return toPublishedApplicationFormDto(await this.procedures.publishedApplicationForm(slugOrCode));
  }

  @Get(':slugOrCode')
  @Public()
  @ApiOperation({ summary: 'One published procedure by slug or national code.' })
  @ApiOkResponse({ type: PublishedProcedureDto })
  @ApiNotFoundResponse(notPublished)
  async get(@Param('slugOrCode') slugOrCode: string) {
    return toPublishedProcedureDto(await this.procedures.publishedProcedure(slugOrCode));
  }
}

@ApiTags('procedures')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @ApiOperation({ summary: 'Procedures; everyone sees the published ones, analysts and administrators may filter by any status.' })
  @ApiOkResponse({ type: [ProcedureDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async list(@Query() query: StatusQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const manager = user.roles.includes(Role.Analyst) || user.roles.includes(Role.Admin);
    return (await this.procedures.list(manager ? query.status : 'published')).map(toProcedureDto);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A published procedure’s catalogue data (current version).' })
  @ApiOkResponse({ type: PublishedProcedureDto })
  @ApiNotFoundResponse(notPublished)
  async get(@Param('slug') slug: string) {
    return toPublishedProcedureDto(await this.procedures.publishedProcedure(slug));
  }

  @Post('import')
  @ManagesProcedure()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ZIP_BYTES } }))
  @ApiOperation({ summary: 'Import a bundle zip (multipart field "file") as the draft of its procedure; answers the lint report.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: DraftSavedDto, description: 'The draft with its lint report' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a valid bundle zip (problems lists why)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The procedure code belongs to another procedure' })
  async importZip(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: AuthenticatedUser) {
    if (!file) throw new BadRequestException('Send the bundle zip as multipart/form-data in the field "file"');
    const bundle = asBundle(() => bundleFromZip(file.buffer));
    assertManages(user, bundle.catalogue.agency.code, bundle.catalogue.slug);
    return toDraftSavedDto(await this.procedures.importDraft(bundle, user.username));
  }

  @Post('import-catalogue')
  @ManagesProcedure()
  @ApiOperation({
    summary:
      'Start a new procedure from a national catalogue record (CSDL quốc gia về TTHC): its catalogue data on the process, forms and templates of an existing procedure; answers the lint report.',
  })
  @ApiCreatedResponse({ type: DraftSavedDto, description: 'The new draft with its lint report' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The record cannot be read (problems lists why, in Vietnamese); nothing is created' })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such template procedure' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The slug or the procedure code is already taken' })
  async importCatalogue(@Body() body: ImportCatalogueDto, @CurrentUser() user: AuthenticatedUser) {
    const imported = asBundle(() => catalogueFromRecord(body.record));
    const bundle = await this.procedures.bundleFromRecord(imported, body.slug, body.template);
    assertManages(user, bundle.catalogue.agency.code, bundle.catalogue.slug);
    return toDraftSavedDto(await this.procedures.importDraft(bundle, user.username));
  }

  @Put(':slug/draft')
  @ManagesProcedure()
  @ApiOperation({ summary: 'Replace the draft with the given files; answers the lint report.' })
  @ApiOkResponse({ type: DraftSavedDto, description: 'The draft with its lint report' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a valid bundle (problems lists why)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The procedure code belongs to another procedure' })
  async saveDraft(@Param('slug') slug: string, @Body() body: BundleFilesDto, @CurrentUser() user: AuthenticatedUser) {
    const bundle = asBundle(() => assembleBundle(body.files));
    if (bundle.catalogue.slug !== slug) throw new BadRequestException(`procedure.json declares slug '${bundle.catalogue.slug}', not '${slug}'`);
    assertManages(user, bundle.catalogue.agency.code, slug);
    return toDraftSavedDto(await this.procedures.importDraft(bundle, user.username));
  }

  @Get(':slug/draft')
  @ManagesProcedure()
  @ApiOperation({ summary: 'The draft bundle’s files.' })
  @ApiOkResponse({ type: BundleDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No draft' })
  async draft(@Param('slug') slug: string) {
    return toBundleDto(await this.procedures.getDraft(slug));
  }

  @Get(':slug/draft/export')
  @ManagesProcedure()
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'The draft as a bundle zip.' })
  @ApiOkResponse(zipResponse)
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No draft' })
  async exportDraft(@Param('slug') slug: string) {
    return zipFile(await this.procedures.getDraft(slug), `${slug}-draft`);
  }

  @Post(':slug/lint')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Lint the draft: BPMN, Camunda 8 compatibility, the platform contract, forms and templates.' })
  @ApiOkResponse({ type: LintReportDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No draft' })
  async lint(@Param('slug') slug: string) {
    return toLintReportDto(await this.procedures.lint(await this.procedures.getDraft(slug)));
  }

  @Post(':slug/publish')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the draft as a new version with an optional note (422 with the lint report on errors); an unchanged draft publishes nothing.' })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No draft' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The lint report has errors (the body carries the report)' })
  async publish(@Param('slug') slug: string, @Body() body: PublishDto, @CurrentUser() user: AuthenticatedUser) {
    return toPublishResultDto(await this.procedures.publish(slug, user.username, { ...(user.name ? { name: user.name } : {}), ...(body.note ? { note: body.note } : {}) }));
  }

  @Post(':slug/unpublish')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop new dossiers; running ones finish on their version.' })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not published' })
  async unpublish(@Param('slug') slug: string) {
    return toProcedureDto(await this.procedures.unpublish(slug));
  }

  @Post(':slug/rollback')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an earlier version’s bundle again as the newest version.' })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure or version' })
  async rollback(@Param('slug') slug: string, @Body() body: RollbackDto, @CurrentUser() user: AuthenticatedUser) {
    return toPublishResultDto(await this.procedures.rollback(slug, body.version, user.username, user.name ? { name: user.name } : {}));
  }

  @Get(':slug/versions')
  @ManagesProcedure()
  @ApiOperation({ summary: 'Published versions, newest first.' })
  @ApiOkResponse({ type: [VersionSummaryDto] })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async versions(@Param('slug') slug: string) {
    return (await this.procedures.versions(await this.procedures.procedure(slug))).map(toVersionSummaryDto);
  }

  @Get(':slug/versions/:version')
  @ManagesProcedure()
  @ApiOperation({ summary: 'One version: bundle files, lint report, deployed process definitions.' })
  @ApiOkResponse({ type: VersionDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure or version' })
  async version(@Param('slug') slug: string, @Param('version', ParseIntPipe) version: number) {
    return toVersionDto(await this.procedures.version(await this.procedures.procedure(slug), version));
  }

  @Get(':slug/versions/:version/export')
  @ManagesProcedure()
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'One version as a bundle zip.' })
  @ApiOkResponse(zipResponse)
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure or version' })
  async exportVersion(@Param('slug') slug: string, @Param('version', ParseIntPipe) version: number) {
    return zipFile(await this.procedures.versionBundle(slug, version), `${slug}-v${version}`);
  }

  @Get(':slug/diff')
  @ManagesProcedure()
  @ApiOperation({ summary: 'What changed between two versions (or the draft): catalogue fields, BPMN elements, form fields, files.' })
  @ApiOkResponse({ type: BundleDiffDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure, version or draft' })
  async diff(@Param('slug') slug: string, @Query() query: DiffQueryDto) {
    const which = (v: string) => (v === 'draft' ? 'draft' : Number(v));
    return toBundleDiffDto(await this.procedures.diff(slug, which(query.from), which(query.to)));
  }

  @Post(':slug/migrations/check')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a migration plan of running instances between two versions.' })
  @ApiOkResponse({ type: MigrationCheckDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure or version' })
  async checkMigration(@Param('slug') slug: string, @Body() plan: MigrationPlanDto) {
    return toMigrationCheckDto(await this.procedures.checkMigration(slug, plan.fromVersion, plan.toVersion, plan.mappingInstructions));
  }

  @Post(':slug/migrations')
  @ManagesProcedure()
  @ApiOperation({
    summary:
      'Migrate the running dossiers of one version to another with an element mapping: 422 when the plan is not valid; instances the engine cannot move safely are listed with the reason and stay (409 when none could move).',
  })
  @ApiCreatedResponse({ type: MigrationResultDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such procedure or version' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The migration plan is not valid (the body carries the check)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The engine refused to migrate; no dossier was migrated' })
  async migrate(@Param('slug') slug: string, @Body() plan: MigrationPlanDto) {
    return toMigrationResultDto(await this.procedures.migrate(slug, plan.fromVersion, plan.toVersion, plan.mappingInstructions));
  }
}
