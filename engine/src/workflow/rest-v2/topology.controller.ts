import { Controller, Get, HttpCode, Inject, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { REST_V2_DIALECT, topologyResult, type ApiDialect } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { TopologyResultDto } from './dto/results.dto.js';

@CamundaRestV2()
@Controller('v2')
export class TopologyController {
  constructor(@Inject(REST_V2_DIALECT) private readonly dialect: ApiDialect) {}

  /** SDK clients call this to check the connection; the embedded engine is one node, one partition. */
  @Get('topology')
  @ApiOkResponse({ type: TopologyResultDto })
  topology(@Req() request: Request): TopologyResultDto {
    const address = request.socket.localAddress ?? '127.0.0.1';
    return topologyResult(address, request.socket.localPort ?? 0, this.dialect);
  }

  /** Cluster health: up whenever this process answers. */
  @Get('status')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The cluster is up' })
  status(): void {}
}
