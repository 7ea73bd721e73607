import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES } from '../auth/roles.js';
import { iso } from '../web/response-values.js';
import type { UserRecord } from './identity.schema.js';

/** An account of the built-in provider; the password hash never leaves the server. */
export class UserAccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ALL_ROLES, enumName: 'Role', isArray: true }) roles!: string[];
  @ApiProperty({ type: String, nullable: true }) agencyCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) citizenId!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toUserAccountDto(row: Omit<UserRecord, 'passwordHash'>): UserAccountDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles,
    agencyCode: row.agencyCode,
    citizenId: row.citizenId,
    enabled: row.enabled,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
