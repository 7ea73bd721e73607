import { BadRequestException, Body, Controller, HttpCode, Inject, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOkResponse } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { SingleTenant } from './dto/common.js';
import { deploymentResult, REST_V2_DIALECT, type ApiDialect } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { DeploymentResultDto } from './dto/results.dto.js';

const MAX_RESOURCES = 100;
const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

class DeploymentFieldsDto {
  @IsOptional()
  @SingleTenant()
  tenantId?: string;
}

@CamundaRestV2()
@Controller('v2/deployments')
export class DeploymentsController {
  constructor(
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect,
  ) {}

  /** multipart/form-data with one `resources` part per BPMN or DMN file, as the SDK's createDeployment sends. */
  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FilesInterceptor('resources', MAX_RESOURCES, { limits: { fileSize: MAX_RESOURCE_BYTES } }))
  @ApiOkResponse({ type: DeploymentResultDto })
  async deploy(@UploadedFiles() files: Express.Multer.File[] | undefined, @Body() _fields: DeploymentFieldsDto) {
    if (!files || files.length === 0) throw new BadRequestException('No resources: send one or more `resources` parts');
    const deployment = await this.engine.deploy(files.map((f) => ({ name: f.originalname, content: f.buffer })));
    return deploymentResult(deployment, this.dialect);
  }
}
