import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';
import { PublicEnterpriseRepository } from './public-enterprise.repository';
import { PublicSignService } from './public-sign.service';
import { PublicViewService } from './public-view.service';
import { QrCodeService } from './qr-code.service';

/** The outward face: the public view by token, QR codes and sign data. */
@Module({
  controllers: [PublicController],
  providers: [PublicEnterpriseRepository, PublicViewService, PublicSignService, QrCodeService],
  exports: [PublicViewService, PublicSignService, PublicEnterpriseRepository],
})
export class PublicModule {}
