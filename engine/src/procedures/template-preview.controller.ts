import { BadRequestException, Body, Controller, Header, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CLOCK, type PlatformClock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { receptionUnit } from '../dossiers/competent-agency.js';
import { publicLookupUrl } from '../dossiers/public-lookup-address.js';
import { ManagesProcedure } from './manages-procedure.js';
import { TemplatePreviewDto } from './procedures.dto.js';
import { ProceduresService } from './procedures.service.js';
import { sampleTemplateData } from './template-preview.js';
import { ErrorResponseDto } from '../web/error-response.dto.js';

/** The studio's document preview: a template as the analyst is editing it, printed on sample data. */
@ApiTags('procedures')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/procedures')
export class TemplatePreviewController {
  private readonly agencies = AgencyDirectory.load();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: PlatformClock,
    private readonly procedures: ProceduresService,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Post(':slug/template-preview')
  @ManagesProcedure()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The printed template as an HTML page', schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The template does not compile or exceeds the rendering limits' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not an analyst of the procedure’s agency' })
  @ApiOperation({
    summary:
      'The HTML a template prints on sample data of the draft (its catalogue, every form field shown by its label); 400 when the template does not compile or exceeds the rendering limits.',
  })
  async preview(@Param('slug') slug: string, @Body() body: TemplatePreviewDto): Promise<string> {
    const bundle = await this.procedures.getDraft(slug);
    const data = sampleTemplateData(bundle, {
      now: this.clock.now(),
      utcOffsetMinutes: this.config.CALENDAR_UTC_OFFSET_MINUTES,
      // The preview is of a dossier received by the agency itself, as most are.
      agency: { ...bundle.catalogue.agency, ...this.agencies.describe(bundle.catalogue.agency), receptionUnit: receptionUnit({ receivingAgencyCode: null }, bundle.catalogue.agency, this.agencies) },
      lookupUrl: publicLookupUrl(this.config.PUBLIC_URL),
    });
    try {
      return await this.renderer.html(body.source, data);
    } catch (error) {
      // The source is the only input: a template that does not parse, fails in a helper or passes
      // the rendering limits (templateLimits) is the analyst's to correct.
      throw new BadRequestException(`The template cannot be rendered: ${(error as Error).message}`);
    }
  }
}
