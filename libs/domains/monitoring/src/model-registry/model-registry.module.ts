import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { ModelRegistryService } from './model-registry.service.js';
import { ModelVersionEntity } from './model-version.entity.js';
import { ModelVersionRepository } from './model-version.repository.js';

/**
 * The model registry alone, for tools that only import models (`verity model import`) and need neither the queues
 * nor the decision path of MonitoringModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ModelVersionEntity]), AuditModule],
  providers: [ModelVersionRepository, ModelRegistryService],
  exports: [ModelRegistryService],
})
export class ModelRegistryModule {}
