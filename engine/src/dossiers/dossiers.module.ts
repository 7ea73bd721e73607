import { Module } from '@nestjs/common';
import { DossiersController } from './dossiers.controller.js';
import { DossiersRepository } from './dossiers.repository.js';
import { DossiersService } from './dossiers.service.js';

@Module({
  controllers: [DossiersController],
  providers: [DossiersRepository, DossiersService],
  exports: [DossiersRepository, DossiersService],
})
export class DossiersModule {}
