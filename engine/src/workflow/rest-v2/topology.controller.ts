import { Controller, Get, HttpCode, Req } from '@nestjs/common';
import type { Request } from 'express';
import { topologyResult } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';

@CamundaRestV2()
@Controller('v2')
export class TopologyController {
  /** SDK clients call this to check the connection; the embedded engine is one node, one partition. */
  @Get('topology')
  topology(@Req() request: Request) {
    const address = request.socket.localAddress ?? '127.0.0.1';
    return topologyResult(address, request.socket.localPort ?? 0);
  }

  /** Cluster health: up whenever this process answers. */
  @Get('status')
  @HttpCode(204)
  status(): void {}
}
