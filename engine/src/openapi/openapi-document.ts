import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const info = new DocumentBuilder()
  .setTitle('Một cửa BPM API')
  .setDescription('Procedures, dossiers, tasks and documents of the one-stop platform.')
  .setVersion('0.1.0')
  .addBearerAuth()
  .build();

/** The OpenAPI document of the platform: served at /api/docs-json and written to engine/openapi.json. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, info);
}
