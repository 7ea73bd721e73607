import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DocumentRenderer } from './document-renderer.js';

@Module({
  providers: [{ provide: DocumentRenderer, inject: [APP_CONFIG], useFactory: (config: AppConfig) => DocumentRenderer.fromConfig(config) }],
  exports: [DocumentRenderer],
})
export class DocumentsModule {}
