import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { DEFAULT_TENANT } from '../representations.js';

export type JsonObject = Record<string, unknown>;

/** int64 fields arrive as JSON numbers or, from SDKs that keep them lossless, as decimal strings. */
export const Int64 = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

/** The embedded engine has one tenant; naming another one is an error, not a silent fallback. */
export const SingleTenant = (each = false) =>
  IsIn([DEFAULT_TENANT], { each, message: `tenantId must be '${DEFAULT_TENANT}': the embedded engine is single-tenant` });

export class SortDto {
  @IsString()
  field!: string;

  @IsOptional()
  @IsIn(['ASC', 'DESC', 'asc', 'desc'])
  order?: 'ASC' | 'DESC' | 'asc' | 'desc';
}

export class PageDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  from?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  limit?: number;

  @IsOptional()
  @IsString()
  after?: string;

  @IsOptional()
  @IsString()
  before?: string;
}

/** Body of every POST …/search endpoint. */
export class SearchQueryDto {
  @IsOptional()
  @IsObject()
  filter?: JsonObject;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SortDto)
  sort?: SortDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => PageDto)
  page?: PageDto;
}
