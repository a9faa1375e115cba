import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { PublishModule } from '../../pipeline/publish/publish.module';
import { PublicModule } from '../../read/public-view/public.module';
import { PublicTokenController } from './public-token.controller';
import { PublicTokenRotationService } from './public-token-rotation.service';

/** Rotating a public token: a new URL, and the phones on the old one disconnected. */
@Module({
  imports: [AuthModule, PublicModule, PublishModule],
  controllers: [PublicTokenController],
  providers: [PublicTokenRotationService],
})
export class PublicTokenModule {}
