import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiPropertyOptional({ enum: ['up'], description: 'Readiness only: the database answered' }) database?: 'up';
}

/** What /health/ready answers with 503: the database's error. */
export class UnavailableDto {
  @ApiProperty({ enum: ['unavailable'] }) status!: 'unavailable';
  @ApiProperty() database!: string;
}
