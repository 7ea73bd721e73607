import { Module } from '@nestjs/common';
import { DossiersController } from './dossiers.controller.js';
import { DossiersRepository } from './dossiers.repository.js';
import { DossiersService } from './dossiers.service.js';
import { InstanceMigration } from './instance-migration.js';

@Module({
  controllers: [DossiersController],
  providers: [DossiersRepository, DossiersService, InstanceMigration],
  exports: [DossiersRepository, DossiersService, InstanceMigration],
})
export class DossiersModule {}
