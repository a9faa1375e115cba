import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '../platform/web/zod-validation.pipe';
import { AuthGuard } from './auth.guard';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { Roles } from './roles.decorator';
import { ServiceKeyService, newServiceKeySchema, type NewServiceKeyRequest } from './service-key.service';

const keyId = z.string().regex(/^\d{1,15}$/, 'id must be a number').transform(Number);

/** Admin: keys for machine senders of POST /api/ingest/{kind}. */
@Controller('api/service-keys')
@UseGuards(AuthGuard)
@Roles('admin')
export class ServiceKeysController {
  constructor(private readonly keys: ServiceKeyService) {}

  /** 201 with `key`: shown this once only. */
  @Post()
  create(@Body(new ZodValidationPipe(newServiceKeySchema)) body: NewServiceKeyRequest, @CurrentUser() user: AuthUser) {
    return this.keys.create(user, body);
  }

  @Get()
  list() {
    return this.keys.list();
  }

  /** The key is refused from now on (≤ 0.5 s on every instance). */
  @Post(':id/revoke')
  @HttpCode(204)
  async revoke(@Param('id', new ZodValidationPipe(keyId)) id: number, @CurrentUser() user: AuthUser): Promise<void> {
    await this.keys.revoke(user, id);
  }
}
