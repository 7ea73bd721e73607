import { applyDecorators, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/decorators.js';
import { Role } from '../../auth/roles.js';
import { ProblemDetailFilter } from './problem-detail.filter.js';

/**
 * What every /v2 controller shares: Camunda-style problem details, and the platform's bearer
 * tokens checked by the global guard. The engine API sees every instance and task regardless of
 * agency, so only administrators may call it; officers work through the dossier API.
 */
export const CamundaRestV2 = () =>
  applyDecorators(ApiTags('camunda-rest-v2'), ApiBearerAuth(), Roles(Role.Admin), UseFilters(ProblemDetailFilter));
