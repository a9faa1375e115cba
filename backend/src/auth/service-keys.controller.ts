import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { newServiceKeySchema, serviceKeyIdSchema, type CreatedServiceKey, type NewServiceKeyRequest, type ServiceKeyList } from '@envface/streams';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import { AuthGuard } from './auth.guard';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { Roles } from './roles.decorator';
import { ServiceKeyService } from './service-key.service';

const keyId = serviceKeyIdSchema.transform(Number);

/** Admin: keys for machine senders of POST /api/ingest/{kind}. Schemas: http-service-keys.schema.ts. */
@Controller('api/service-keys')
@UseGuards(AuthGuard)
@Roles('admin')
export class ServiceKeysController {
  constructor(private readonly keys: ServiceKeyService) {}

  /** 201 with `key`: shown this once only. */
  @Post()
  create(@Body(new ZodValidationPipe(newServiceKeySchema)) body: NewServiceKeyRequest, @CurrentUser() user: AuthUser): Promise<CreatedServiceKey> {
    return this.keys.create(user, body);
  }

  @Get()
  list(): Promise<ServiceKeyList> {
    return this.keys.list();
  }

  /** The key is refused from now on (≤ 0.5 s on every instance). */
  @Post(':id/revoke')
  @HttpCode(204)
  async revoke(@Param('id', new ZodValidationPipe(keyId)) id: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.keys.revoke(user, id);
  }
}
