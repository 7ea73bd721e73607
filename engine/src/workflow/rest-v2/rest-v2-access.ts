import { applyDecorators, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiExtraModels, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '../../auth/decorators.js';
import { Role } from '../../auth/roles.js';
import { ProblemDetailDto } from './dto/results.dto.js';
import { ProblemDetailFilter } from './problem-detail.filter.js';

/** A /v2 error answer: an RFC 9457 problem detail. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailDto) } } } });

/**
 * What every /v2 controller shares: Camunda-style problem details, and the platform's bearer
 * tokens checked by the global guard. The engine API sees every instance and task regardless of
 * agency, so only administrators may call it; officers work through the dossier API.
 */
export const CamundaRestV2 = () =>
  applyDecorators(
    ApiTags('camunda-rest-v2'),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDetailDto),
    ApiBadRequestResponse(problem('INVALID_ARGUMENT')),
    ApiUnauthorizedResponse(problem('No or invalid bearer token')),
    ApiForbiddenResponse(problem('Administrators only')),
    Roles(Role.Admin),
    UseFilters(ProblemDetailFilter),
  );
