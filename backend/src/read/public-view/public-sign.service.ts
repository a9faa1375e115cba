import { Inject, Injectable } from '@nestjs/common';
import { usccProblem } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { PublicEnterpriseRepository, type PublicEnterpriseRow } from './public-enterprise.repository';
import { publicPageUrl } from '../../platform/public-token';
import { QrCodeService } from './qr-code.service';

/** What a printed A4 sign shows: the public page URL in plain text too, so a pasted-over code can be spotted. */
export interface SignData {
  uscc: string;
  name: string | null;
  address: string | null;
  score: number | null;
  stars: number | null;
  face: string | null;
  colour: string | null;
  grade: string | null;
  publicUrl: string;
  qrSvg: string;
}

export const MAX_SIGNS_PER_PAGE = 500;

/** Inspector-side handling of public tokens: QR images and sign data (rotation: workflows/public-token). */
@Injectable()
export class PublicSignService {
  constructor(
    private readonly db: Database,
    private readonly enterprises: PublicEnterpriseRepository,
    private readonly qr: QrCodeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async urlOf(uscc: string): Promise<string> {
    return publicPageUrl(this.config.publicBaseUrl, (await this.find(uscc)).public_token);
  }

  async qrSvg(uscc: string): Promise<string> {
    return this.qr.svg(await this.urlOf(uscc));
  }

  async qrPng(uscc: string): Promise<Buffer> {
    return this.qr.png(await this.urlOf(uscc));
  }

  async sign(uscc: string): Promise<SignData> {
    return this.signOf(await this.find(uscc));
  }

  async regionSigns(regionCode: string): Promise<{ items: SignData[]; truncated: boolean }> {
    const rows = await this.enterprises.listInRegion(this.db, regionCode, MAX_SIGNS_PER_PAGE + 1);
    const items = await Promise.all(rows.slice(0, MAX_SIGNS_PER_PAGE).map((r) => this.signOf(r)));
    return { items, truncated: rows.length > MAX_SIGNS_PER_PAGE };
  }

  private async signOf(row: PublicEnterpriseRow): Promise<SignData> {
    const publicUrl = publicPageUrl(this.config.publicBaseUrl, row.public_token);
    return {
      uscc: row.uscc,
      name: row.name,
      address: row.address,
      score: row.score_tenths === null ? null : row.score_tenths / 10,
      stars: row.stars,
      face: row.face,
      colour: row.colour,
      grade: row.grade,
      publicUrl,
      qrSvg: await this.qr.svg(publicUrl),
    };
  }

  async find(uscc: string): Promise<PublicEnterpriseRow> {
    const problem = usccProblem(uscc);
    if (problem) throw new ApiError(400, 'invalid_uscc', `enterprise id: ${problem}`);
    const row = await this.enterprises.findByUscc(this.db, uscc);
    if (!row) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    return row;
  }
}
