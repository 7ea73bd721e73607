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
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {} from 'multer';
import { CurrentUser, type AuthenticatedUser } from '../auth/current-user.js';
import { Public, Roles } from '../auth/decorators.js';
import { Role } from '../auth/roles.js';
import { assembleBundle, BundleError, type ProcedureBundle } from './bundle.js';
import { bundleFromZip, bundleToZip } from './bundle-io.js';
import { BundleFilesDto, DiffQueryDto, MigrationPlanDto, PublishDto, RollbackDto, StatusQueryDto } from './procedures.dto.js';
import { assertManages, ManagesProcedure } from './manages-procedure.js';
import { ProceduresService } from './procedures.service.js';

export const MAX_ZIP_BYTES = 10 * 1024 * 1024;

function zipFile(bundle: ProcedureBundle, name: string): StreamableFile {
  return new StreamableFile(Buffer.from(bundleToZip(bundle)), {
    type: 'application/zip',
    disposition: `attachment; filename="${name}.zip"`,
  });
}

function asBundle(read: () => ProcedureBundle): ProcedureBundle {
  try {
    return read();
  } catch (error) {
    if (error instanceof BundleError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, problems: error.problems });
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
  list() {
    return this.procedures.publishedCatalogue();
  }

  @Get(':slugOrCode/application-form')
  @Public()
  @ApiOperation({ summary: 'The application form (form-js schema) of the current published version, with that version number; 404 when not published.' })
  applicationForm(@Param('slugOrCode') slugOrCode: string) {
    return this.procedures.publishedApplicationForm(slugOrCode);
  }

  @Get(':slugOrCode')
  @Public()
  @ApiOperation({ summary: 'One published procedure by slug or national code.' })
  get(@Param('slugOrCode') slugOrCode: string) {
    return this.procedures.publishedProcedure(slugOrCode);
  }
}

@ApiTags('procedures')
@ApiBearerAuth()
@Controller('api/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  @ApiOperation({ summary: 'Procedures; everyone sees the published ones, analysts and administrators may filter by any status.' })
  list(@Query() query: StatusQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const manager = user.roles.includes(Role.Analyst) || user.roles.includes(Role.Admin);
    return this.procedures.list(manager ? query.status : 'published');
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A published procedure’s catalogue data (current version).' })
  get(@Param('slug') slug: string) {
    return this.procedures.publishedProcedure(slug);
  }

  @Post('import')
  @ManagesProcedure()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ZIP_BYTES } }))
  @ApiOperation({ summary: 'Import a bundle zip (multipart field "file") as the draft of its procedure; answers the lint report.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  importZip(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: AuthenticatedUser) {
    if (!file) throw new BadRequestException('Send the bundle zip as multipart/form-data in the field "file"');
    const bundle = asBundle(() => bundleFromZip(file.buffer));
    assertManages(user, bundle.catalogue.agency.code, bundle.catalogue.slug);
    return this.procedures.importDraft(bundle, user.username);
  }

  @Put(':slug/draft')
  @ManagesProcedure()
  @ApiOperation({ summary: 'Replace the draft with the given files; answers the lint report.' })
  async saveDraft(@Param('slug') slug: string, @Body() body: BundleFilesDto, @CurrentUser() user: AuthenticatedUser) {
    const bundle = asBundle(() => assembleBundle(body.files));
    if (bundle.catalogue.slug !== slug) throw new BadRequestException(`procedure.json declares slug '${bundle.catalogue.slug}', not '${slug}'`);
    assertManages(user, bundle.catalogue.agency.code, slug);
    return this.procedures.importDraft(bundle, user.username);
  }

  @Get(':slug/draft')
  @ManagesProcedure()
  @ApiOperation({ summary: 'The draft bundle’s files.' })
  draft(@Param('slug') slug: string) {
    return this.procedures.getDraft(slug);
  }

  @Get(':slug/draft/export')
  @ManagesProcedure()
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'The draft as a bundle zip.' })
  async exportDraft(@Param('slug') slug: string) {
    return zipFile(await this.procedures.getDraft(slug), `${slug}-draft`);
  }

  @Post(':slug/lint')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Lint the draft: BPMN, Camunda 8 compatibility, the platform contract, forms and templates.' })
  async lint(@Param('slug') slug: string) {
    return this.procedures.lint(await this.procedures.getDraft(slug));
  }

  @Post(':slug/publish')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the draft as a new version with an optional note (422 with the lint report on errors); an unchanged draft publishes nothing.' })
  publish(@Param('slug') slug: string, @Body() body: PublishDto, @CurrentUser() user: AuthenticatedUser) {
    return this.procedures.publish(slug, user.username, { ...(user.name ? { name: user.name } : {}), ...(body.note ? { note: body.note } : {}) });
  }

  @Post(':slug/unpublish')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop new dossiers; running ones finish on their version.' })
  unpublish(@Param('slug') slug: string) {
    return this.procedures.unpublish(slug);
  }

  @Post(':slug/rollback')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an earlier version’s bundle again as the newest version.' })
  rollback(@Param('slug') slug: string, @Body() body: RollbackDto, @CurrentUser() user: AuthenticatedUser) {
    return this.procedures.rollback(slug, body.version, user.username, user.name ? { name: user.name } : {});
  }

  @Get(':slug/versions')
  @ManagesProcedure()
  @ApiOperation({ summary: 'Published versions, newest first.' })
  async versions(@Param('slug') slug: string) {
    return this.procedures.versions(await this.procedures.procedure(slug));
  }

  @Get(':slug/versions/:version')
  @ManagesProcedure()
  @ApiOperation({ summary: 'One version: bundle files, lint report, deployed process definitions.' })
  async version(@Param('slug') slug: string, @Param('version', ParseIntPipe) version: number) {
    return this.procedures.version(await this.procedures.procedure(slug), version);
  }

  @Get(':slug/versions/:version/export')
  @ManagesProcedure()
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'One version as a bundle zip.' })
  async exportVersion(@Param('slug') slug: string, @Param('version', ParseIntPipe) version: number) {
    return zipFile(await this.procedures.versionBundle(slug, version), `${slug}-v${version}`);
  }

  @Get(':slug/diff')
  @ManagesProcedure()
  @ApiOperation({ summary: 'What changed between two versions (or the draft): catalogue fields, BPMN elements, form fields, files.' })
  diff(@Param('slug') slug: string, @Query() query: DiffQueryDto) {
    const which = (v: string) => (v === 'draft' ? 'draft' : Number(v));
    return this.procedures.diff(slug, which(query.from), which(query.to));
  }

  @Post(':slug/migrations/check')
  @ManagesProcedure()
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a migration plan of running instances between two versions.' })
  checkMigration(@Param('slug') slug: string, @Body() plan: MigrationPlanDto) {
    return this.procedures.checkMigration(slug, plan.fromVersion, plan.toVersion, plan.mappingInstructions);
  }

  @Post(':slug/migrations')
  @ManagesProcedure()
  @ApiOperation({
    summary:
      'Migrate the running dossiers of one version to another with an element mapping: 422 when the plan is not valid; instances the engine cannot move safely are listed with the reason and stay (409 when none could move).',
  })
  migrate(@Param('slug') slug: string, @Body() plan: MigrationPlanDto) {
    return this.procedures.migrate(slug, plan.fromVersion, plan.toVersion, plan.mappingInstructions);
  }
}
