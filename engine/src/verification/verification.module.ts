import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { FilesModule } from '../files/files.module.js';
import { FilesRepository } from '../files/files.repository.js';
import { SigningModule } from '../signing/signing.module.js';
import { IssuedDocumentsRepository } from './issued-documents.repository.js';
import { IssuedDocumentsService } from './issued-documents.service.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';

/** Issued documents (render, QR code, signatures, registry) and their public verification. */
@Module({
  imports: [
    DocumentsModule,
    SigningModule,
    FilesModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 0 } }),
    }),
  ],
  controllers: [VerificationController],
  providers: [FilesRepository, IssuedDocumentsRepository, IssuedDocumentsService, VerificationService],
  exports: [IssuedDocumentsService, VerificationService, DocumentsModule, SigningModule],
})
export class VerificationModule {}
