import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ScoringModule } from '../../pipeline/score/scoring.module';
import { PublicController } from './public.controller';
import { PublicEnterpriseRepository } from './public-enterprise.repository';
import { PublicGateway } from '../../pipeline/publish/public.gateway';
import { PublicSignService } from './public-sign.service';
import { PublicViewService } from './public-view.service';
import { QrCodeService } from './qr-code.service';
import { QrController } from '../enterprises/qr.controller';

/** The outward face: public view by token, its live channel, QR codes, signs, token rotation. */
@Module({
  imports: [AuthModule, ScoringModule],
  controllers: [PublicController, QrController],
  providers: [PublicEnterpriseRepository, PublicViewService, PublicGateway, PublicSignService, QrCodeService],
  exports: [PublicViewService, PublicGateway],
})
export class PublicModule {}
