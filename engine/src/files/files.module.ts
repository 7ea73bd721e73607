import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { DirectoryFileStore } from './file-store.js';
import { FilesController } from './files.controller.js';
import { FilesRepository } from './files.repository.js';
import { FILE_STORE, FilesService } from './files.service.js';

@Module({
  imports: [
    DossiersModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Held in memory until hashed and written; the limit bounds that.
        limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10 },
        // Vietnamese file names arrive as UTF-8.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [FilesController],
  providers: [
    FilesRepository,
    FilesService,
    { provide: FILE_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new DirectoryFileStore(join(config.DATA_DIR, 'files')) },
  ],
  exports: [FilesService, FILE_STORE],
})
export class FilesModule {}
