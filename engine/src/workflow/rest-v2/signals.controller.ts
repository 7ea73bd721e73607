import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { BroadcastSignalDto } from './dto/signals.dto.js';
import { DEFAULT_TENANT } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';
import { SignalBroadcastResultDto } from './dto/results.dto.js';

@CamundaRestV2()
@Controller('v2/signals')
export class SignalsController {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  /** Triggers every signal subscription open now and answers once they are reached; a signal is not buffered. */
  @Post('broadcast')
  @HttpCode(200)
  @ApiOkResponse({ type: SignalBroadcastResultDto })
  async broadcast(@Body() body: BroadcastSignalDto): Promise<SignalBroadcastResultDto> {
    const { signalKey } = await this.engine.broadcastSignal({
      signalName: body.signalName,
      variables: body.variables ?? {},
      ...(body.tenantId !== undefined ? { tenantId: body.tenantId } : {}),
    });
    return { signalKey, tenantId: DEFAULT_TENANT };
  }
}
