import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';

/**
 * QR images of public page URLs. Error correction level M (15 %) survives a scuffed outdoor sign
 * while keeping the code coarse enough for cheap phone cameras at a factory gate.
 */
@Injectable()
export class QrCodeService {
  svg(url: string): Promise<string> {
    return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  png(url: string): Promise<Buffer> {
    return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
  }
}
