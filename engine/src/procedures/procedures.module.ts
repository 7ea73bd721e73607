import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { DossiersModule } from '../dossiers/dossiers.module.js';
import { ProcedureSeeder } from './procedure-seeder.js';
import { ProceduresController, PublicProceduresController } from './procedures.controller.js';
import { ProceduresRepository } from './procedures.repository.js';
import { ProceduresService } from './procedures.service.js';
import { TemplatePreviewController } from './template-preview.controller.js';

/** Procedures as configuration: bundles, lint, versions, publishing. Needs WorkflowModule (global). */
@Module({
  imports: [DossiersModule, DocumentsModule],
  controllers: [PublicProceduresController, ProceduresController, TemplatePreviewController],
  providers: [ProceduresRepository, ProceduresService, ProcedureSeeder],
  exports: [ProceduresService],
})
export class ProceduresModule {}
