import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/current-user.decorator';
import { Roles } from '../../auth/roles.decorator';
import { PublicTokenRotationService } from './public-token-rotation.service';

/** Token rotation (inspectors): the QR codes and signs themselves are read/enterprises/qr.controller.ts. */
@Controller('api')
@UseGuards(AuthGuard)
@Roles('admin', 'inspector')
export class PublicTokenController {
  constructor(private readonly rotation: PublicTokenRotationService) {}

  @Post('enterprises/:uscc/public-token/rotate')
  @HttpCode(200)
  rotate(@Param('uscc') uscc: string, @CurrentUser() user: AuthUser) {
    return this.rotation.rotate(uscc, user);
  }
}
