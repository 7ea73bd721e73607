import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { PublishMessageDto } from './dto/messages.dto.js';
import { DEFAULT_TENANT } from './representations.js';
import { CamundaRestV2 } from './rest-v2-access.js';

@CamundaRestV2()
@Controller('v2/messages')
export class MessagesController {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  @Post('publication')
  @HttpCode(200)
  async publish(@Body() body: PublishMessageDto) {
    const { messageKey } = await this.engine.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      timeToLive: body.timeToLive ?? 0,
      variables: body.variables ?? {},
      ...(body.messageId !== undefined ? { messageId: body.messageId } : {}),
    });
    return { messageKey, tenantId: DEFAULT_TENANT };
  }
}
