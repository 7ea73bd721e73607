import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { DossierRegisterRepository } from './dossier-register.repository.js';
import { DossierRegisterService } from './dossier-register.service.js';
import { RegisterController } from './register.controller.js';

/** The dossier register (sổ theo dõi hồ sơ) of each centre, generated from the records on request. */
@Module({
  imports: [DocumentsModule],
  controllers: [RegisterController],
  providers: [DossierRegisterRepository, DossierRegisterService],
})
export class RegistersModule {}
