import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { databaseInputError } from '../../web/database-input-error.js';
import { WorkflowError } from '../workflow-engine.port.js';

/** RFC 9457 problem details, as every Camunda 8 REST endpoint answers errors. */
export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

const statusOf: Record<WorkflowError['code'], number> = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_STATE: HttpStatus.CONFLICT,
  ALREADY_EXISTS: HttpStatus.CONFLICT,
  INVALID_ARGUMENT: HttpStatus.BAD_REQUEST,
  INVALID_MODEL: HttpStatus.BAD_REQUEST,
  UNSUPPORTED_ELEMENT: HttpStatus.BAD_REQUEST,
};

/**
 * Answers /v2 errors the way Zeebe's gateway does: the rejection type as title (NOT_FOUND,
 * INVALID_STATE, INVALID_ARGUMENT…) and the reason as detail, so the SDK surfaces them unchanged.
 */
@Catch()
export class ProblemDetailFilter implements ExceptionFilter {
  private readonly logger = new Logger('CamundaRestV2');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl);
    if (problem.status >= 500) this.logger.error(exception);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance: string): ProblemDetail {
    if (exception instanceof WorkflowError) {
      const title = exception.code === 'INVALID_MODEL' || exception.code === 'UNSUPPORTED_ELEMENT' ? 'INVALID_ARGUMENT' : exception.code;
      return { type: 'about:blank', title, status: statusOf[exception.code], detail: exception.message, instance };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : body;
      const detail = Array.isArray(message) ? message.join('; ') : String(message);
      const title = status === (HttpStatus.BAD_REQUEST as number) ? 'INVALID_ARGUMENT' : HttpStatus[status] ?? 'ERROR';
      return { type: 'about:blank', title, status, detail, instance };
    }
    const inputError = databaseInputError(exception);
    if (inputError) return { type: 'about:blank', title: 'INVALID_ARGUMENT', status: HttpStatus.BAD_REQUEST, detail: inputError, instance };
    return {
      type: 'about:blank',
      title: 'INTERNAL_ERROR',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The workflow engine failed to process the request; the server log has the cause.',
      instance,
    };
  }
}
