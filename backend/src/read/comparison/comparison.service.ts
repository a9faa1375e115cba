import { scopePatterns, type RegionScope } from '../../auth/jurisdiction';
import { Inject, Injectable } from '@nestjs/common';
import { dayOfInstant, isoFromDay, type PeerComparison, type PeerGroup, type QuarterRow, type QuarterlyCompliance, type RegionMap } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { ApiError } from '../../platform/web/api-error';
import { RatingQueryService } from '../ratings/rating-query.service';
import { ComparisonRepository, type FoldedPeerDayRow, type PeerGroupKey, type PeerSelf } from './comparison.repository';
import { PEER_LINE_DAYS } from './peer-day-folder.service';
import { peerPercentile, quartersBack } from './peer-percentile';
/** Quarters before the current one in the compliance table. */
export const QUARTERS_BEFORE = 12;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The region map, peer percentiles and the quarterly compliance table (rules: docs/api.md). */
@Injectable()
export class ComparisonService {
  constructor(
    private readonly db: Database,
    private readonly repo: ComparisonRepository,
    private readonly ratingQuery: RatingQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private todayDay(): number {
    return dayOfInstant(this.clock.now(), this.config.timeZone);
  }

  /** The map within the caller's jurisdiction: a scoped inspector sees only its regions and their enterprises. */
  async regionMap(pointLimit: number, scope: RegionScope = null): Promise<RegionMap> {
    const patterns = scopePatterns(scope);
    const [regions, points] = await Promise.all([this.repo.regionStars(this.db, patterns), this.repo.mapPoints(this.db, pointLimit, patterns)]);
    return {
      regions: regions.map((r) => ({
        regionCode: r.region_code,
        enterprises: r.enterprises,
        rated: r.rated,
        stars: { '1': r.s1, '2': r.s2, '3': r.s3, '4': r.s4, '5': r.s5 },
        lowShare: r.rated > 0 ? round2((r.s1 + r.s2) / r.rated) : null,
        meanScore: r.mean_score_tenths === null ? null : Math.round(r.mean_score_tenths) / 10,
      })),
      points: points.points.map((p) => ({ uscc: p.uscc, name: p.name, regionCode: p.region_code, lat: p.lat, lon: p.lon, stars: p.stars, score: p.score_tenths / 10 })),
      pointsTotal: points.total,
    };
  }

  /** Staff: any enterprise (400/404 for a bad or unknown USCC). */
  async peers(uscc: string): Promise<PeerComparison> {
    await this.ratingQuery.enterprise(uscc);
    return this.peersOf(uscc);
  }

  /** The portal: the caller's own enterprise, whose id comes from the token. */
  async peersOf(uscc: string): Promise<PeerComparison> {
    const self = await this.repo.self(this.db, uscc);
    if (!self) throw new ApiError(404, 'enterprise_not_found', `No enterprise ${uscc}`);
    const today = this.todayDay();
    const from = isoFromDay(today - (PEER_LINE_DAYS - 1));
    const to = isoFromDay(today);
    const keys: PeerGroupKey[] = [];
    if (self.region_code && self.industry_code) keys.push({ kind: 'industry', city: self.region_code.slice(0, 4), industryClass: self.industry_code.slice(0, 3) });
    if (self.region_code) keys.push({ kind: 'region', regionCode: self.region_code });
    // Past days from the daily fold (90 primary-key rows, PeerDayFolder); today live from the current ratings.
    const folded = await this.repo.foldedPeerDays(this.db, uscc, from, isoFromDay(today - 1));
    const groups = await Promise.all(keys.map((k) => this.group(self, k, folded, to)));
    return { enterpriseId: uscc, day: to, groups };
  }

  private async group(self: PeerSelf, key: PeerGroupKey, folded: readonly FoldedPeerDayRow[], to: string): Promise<PeerGroup> {
    const today = self.stars === null ? { peers: 0, below: 0, ties: 0 } : await this.repo.peersToday(this.db, self, key);
    const past = folded.flatMap((d) => {
      const below = key.kind === 'industry' ? d.industry_below : d.region_below;
      const peers = key.kind === 'industry' ? d.industry_peers : d.region_peers;
      return below === null || peers === null ? [] : [{ day: d.day, percentile: peerPercentile(below, peers), peers }];
    });
    const series = self.stars === null ? past : [...past, { day: to, percentile: peerPercentile(today.below, today.peers), peers: today.peers }];
    return {
      kind: key.kind,
      regionCode: key.kind === 'region' ? key.regionCode : `${key.city}00`,
      industryClass: key.kind === 'industry' ? key.industryClass : null,
      peers: today.peers,
      below: today.below,
      ties: today.ties,
      percentile: self.stars === null ? null : peerPercentile(today.below, today.peers),
      series,
    };
  }

  async quarters(uscc: string): Promise<QuarterlyCompliance> {
    await this.ratingQuery.enterprise(uscc);
    const quarters = quartersBack(isoFromDay(this.todayDay()), QUARTERS_BEFORE);
    const from = quarters[quarters.length - 1]!.from;
    const to = quarters[0]!.to;
    const [ratings, events] = await Promise.all([this.repo.quarterRatings(this.db, uscc, from, to), this.repo.quarterEvents(this.db, uscc, from, to)]);
    const r = new Map(ratings.map((x) => [x.quarter_start, x]));
    const e = new Map(events.map((x) => [x.quarter_start, x]));
    return {
      enterpriseId: uscc,
      quarters: quarters.map((q): QuarterRow => {
        const qr = r.get(q.from);
        const qe = e.get(q.from);
        return {
          quarter: q.label,
          from: q.from,
          to: q.to,
          ratedDays: qr?.rated_days ?? 0,
          minStars: qr?.min_stars ?? null,
          meanStars: qr?.mean_stars == null ? null : round2(qr.mean_stars),
          smileDays: qr?.smile_days ?? 0,
          neutralDays: qr?.neutral_days ?? 0,
          cryDays: qr?.cry_days ?? 0,
          inspections: qe?.inspections ?? 0,
          violations: qe?.violations ?? 0,
          penalties: qe?.penalties ?? 0,
          penaltyYuan: qe?.penalty_yuan ?? 0,
          orders: qe?.orders ?? 0,
          verifiedComplaints: qe?.verified_complaints ?? 0,
          vetoes: qe?.vetoes ?? 0,
        };
      }),
    };
  }
}
