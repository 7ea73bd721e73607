import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../workflow-engine.port.js';
import { CorrelateMessageDto, PublishMessageDto } from './dto/messages.dto.js';
import { DEFAULT_TENANT } from './representations.js';
import { CamundaRestV2, problem } from './rest-v2-access.js';
import { MessageCorrelationResultDto, MessagePublicationResultDto } from './dto/results.dto.js';

@CamundaRestV2()
@Controller('v2/messages')
export class MessagesController {
  constructor(@Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine) {}

  @Post('publication')
  @HttpCode(200)
  @ApiOkResponse({ type: MessagePublicationResultDto })
  async publish(@Body() body: PublishMessageDto): Promise<MessagePublicationResultDto> {
    const { messageKey } = await this.engine.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      timeToLive: body.timeToLive ?? 0,
      variables: body.variables ?? {},
      ...(body.messageId !== undefined ? { messageId: body.messageId } : {}),
    });
    return { messageKey, tenantId: DEFAULT_TENANT };
  }

  /**
   * Correlates to the subscriptions waiting now and answers the first process instance reached;
   * 404 NOT_FOUND when none waits. The message is not buffered.
   */
  @Post('correlation')
  @HttpCode(200)
  @ApiOkResponse({ type: MessageCorrelationResultDto })
  @ApiNotFoundResponse(problem('NOT_FOUND: no subscription waits for the message'))
  async correlate(@Body() body: CorrelateMessageDto): Promise<MessageCorrelationResultDto> {
    const { messageKey, processInstanceKey } = await this.engine.correlateMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      variables: body.variables ?? {},
      ...(body.tenantId !== undefined ? { tenantId: body.tenantId } : {}),
    });
    return { messageKey, processInstanceKey, tenantId: DEFAULT_TENANT };
  }
}
