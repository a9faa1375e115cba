import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { AuditLogController } from './audit-log.controller';
import { AuditQueryRepository } from './audit-query.repository';

/** The admins' view of the audit trail (written by auth/AuditLogRepository from every workflow). */
@Module({
  imports: [AuthModule],
  controllers: [AuditLogController],
  providers: [AuditQueryRepository],
})
export class AuditModule {}
