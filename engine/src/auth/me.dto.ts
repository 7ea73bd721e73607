import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AgencyDirectory } from '../documents/agency-directory.js';
import type { AuthenticatedUser } from './current-user.js';
import { ALL_ROLES, ROLE_LABELS, type Role } from './roles.js';

/** The caller as the platform sees him. */
export class MeDto {
  @ApiProperty({ description: 'Subject of the token' }) id!: string;
  @ApiProperty() username!: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty({ enum: ALL_ROLES, enumName: 'Role', isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String], description: 'The roles in Vietnamese' }) roleLabels!: string[];
  @ApiPropertyOptional({ description: 'Agency of an officer' }) agencyCode?: string;
  @ApiPropertyOptional({ description: 'The agency’s name from the agency directory, or its code when the directory does not know it' }) agencyName?: string;
  @ApiPropertyOptional({ description: 'Citizen identity number, when the token carries one' }) citizenId?: string;
}

export function toMeDto(user: AuthenticatedUser): MeDto {
  return {
    id: user.id,
    username: user.username,
    ...(user.name !== undefined ? { name: user.name } : {}),
    ...(user.email !== undefined ? { email: user.email } : {}),
    roles: [...user.roles],
    roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    ...(user.agencyCode !== undefined ? { agencyCode: user.agencyCode, agencyName: AgencyDirectory.shared().nameOf(user.agencyCode) } : {}),
    ...(user.citizenId !== undefined ? { citizenId: user.citizenId } : {}),
  };
}
