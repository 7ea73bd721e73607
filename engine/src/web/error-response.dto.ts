import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every 4xx/5xx answer (Nest's HttpException shape). */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'What went wrong; one line per invalid field of a rejected body' })
  message!: string | string[];

  @ApiPropertyOptional({ example: 'Not Found' })
  error?: string;
}
