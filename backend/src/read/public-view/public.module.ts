import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';
import { PublicEnterpriseRepository } from './public-enterprise.repository';
import { PublicPageController } from './public-page.controller';
import { PublicPageService } from './public-page.service';
import { PublicSignService } from './public-sign.service';
import { PublicViewService } from './public-view.service';
import { QrCodeService } from './qr-code.service';

/** The outward face: the public view by token (JSON and the server-rendered page), QR codes and sign data. */
@Module({
  controllers: [PublicController, PublicPageController],
  providers: [PublicEnterpriseRepository, PublicViewService, PublicPageService, PublicSignService, QrCodeService],
  exports: [PublicViewService, PublicSignService, PublicEnterpriseRepository],
})
export class PublicModule {}
