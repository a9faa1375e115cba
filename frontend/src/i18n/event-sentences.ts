// One catalogue that turns events and rating effects into plain sentences (Simplified Chinese and English).
// Pure functions: no i18next, no React, so every screen (inspector, portal, public) says the same thing the same way.
// Raw event ids never appear in a sentence; screens for inspectors may show them in a secondary details line.

export type SentenceLanguage = 'zh' | 'en';

/** 'zh-CN' / 'en' / undefined (i18next's resolvedLanguage) → the catalogue's language; Chinese by default. */
export function sentenceLanguage(language: string | undefined | null): SentenceLanguage {
  return language && language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** The event as far as a sentence needs it (a stored event, a portal event, or an effect's source). */
export interface SentenceEvent {
  type: string;
  day?: string | null;
  data?: Record<string, unknown> | null;
}

/** A rating effect as the API returns it (`until` exclusive; null when only a repair ends it). */
export interface SentenceEffect {
  indicator: string;
  criterion: string;
  points: number;
  impact: number;
  from: string;
  until: string | null;
  repairable: boolean;
}

type Lang<T> = Record<SentenceLanguage, T>;

const TYPE_NAMES: Lang<Record<string, string>> = {
  zh: {
    'monitoring.reading': '在线监测读数',
    'monitoring.gap': '在线监测数据缺失',
    'monitoring.falsification': '监测数据造假',
    'permit.issued': '排污许可证核发',
    'permit.renewed': '排污许可证延续',
    'permit.revoked': '排污许可证撤销',
    'permit.report_overdue': '执行报告逾期',
    'permit.report_submitted': '提交执行报告',
    'enforcement.inspection': '现场检查',
    'enforcement.penalty': '行政处罚',
    'enforcement.rectification_order': '责令整改',
    'enforcement.rectification_completed': '整改完成',
    'enforcement.incident': '环境事件',
    'enforcement.veto': '一票否决',
    'enforcement.complaint_verified': '投诉查实',
    'enforcement.award': '获得表彰',
    'enforcement.voided': '撤销认定',
    'enterprise.upserted': '企业信息登记',
  },
  en: {
    'monitoring.reading': 'Monitoring reading',
    'monitoring.gap': 'Monitoring data gap',
    'monitoring.falsification': 'Falsified monitoring data',
    'permit.issued': 'Discharge permit issued',
    'permit.renewed': 'Discharge permit renewed',
    'permit.revoked': 'Discharge permit revoked',
    'permit.report_overdue': 'Permit report overdue',
    'permit.report_submitted': 'Permit report submitted',
    'enforcement.inspection': 'On-site inspection',
    'enforcement.penalty': 'Administrative penalty',
    'enforcement.rectification_order': 'Rectification order',
    'enforcement.rectification_completed': 'Rectification completed',
    'enforcement.incident': 'Environmental incident',
    'enforcement.veto': 'One-vote veto',
    'enforcement.complaint_verified': 'Verified complaint',
    'enforcement.award': 'Award',
    'enforcement.voided': 'Finding withdrawn',
    'enterprise.upserted': 'Enterprise registration',
  },
};

const INDICATOR_NAMES: Lang<Record<string, string>> = {
  zh: {
    E1: '现场检查发现违法', E2: '行政处罚', E3: '责令整改', E4: '整改逾期', E5: '一般环境事件', E6: '较大及以上环境事件',
    E7: '一票否决', M1: '在线监测超标', M2: '在线监测严重超标', M3: '在线监测数据缺失', M4: '监测数据造假',
    P1: '执行报告逾期', P2: '无有效排污许可', S1: '投诉查实', B1: '获得表彰',
  },
  en: {
    E1: 'Violation found in inspection', E2: 'Administrative penalty', E3: 'Rectification order', E4: 'Rectification overdue',
    E5: 'General environmental incident', E6: 'Larger or worse environmental incident', E7: 'One-vote veto',
    M1: 'Monitoring over the limit', M2: 'Monitoring over 3× the limit', M3: 'Monitoring data gap', M4: 'Falsified monitoring data',
    P1: 'Permit report overdue', P2: 'No valid discharge permit', S1: 'Verified complaint', B1: 'Award',
  },
};

const CRITERIA: Lang<Record<string, string>> = {
  zh: { E: '执法监管', M: '在线监测', P: '排污许可', S: '社会监督' },
  en: { E: 'Enforcement', M: 'Online monitoring', P: 'Discharge permit', S: 'Public supervision' },
};

const WORDS: Lang<Record<string, string>> = {
  zh: {
    minor: '轻微', general: '一般', serious: '严重', larger: '较大', major: '重大', especially_major: '特别重大',
    city: '市级', provincial: '省级', national: '国家级', annual: '年度', quarterly: '季度', monthly: '月度',
    compliant: '未发现问题', violation_found: '发现违法行为',
    environmental_crime: '涉嫌环境犯罪', construction_without_approval: '未批先建', secret_discharge_pipe: '私设暗管偷排',
    illegal_hazardous_waste_dumping: '非法倾倒危险废物', severe_ecological_damage: '严重生态破坏',
    obstruction_of_inspection: '阻挠监督检查', monitoring_data_falsification: '篡改伪造监测数据',
  },
  en: {
    minor: 'minor', general: 'general', serious: 'serious', larger: 'larger', major: 'major', especially_major: 'especially major',
    city: 'city', provincial: 'provincial', national: 'national', annual: 'annual', quarterly: 'quarterly', monthly: 'monthly',
    compliant: 'no problems found', violation_found: 'violation found',
    environmental_crime: 'suspected environmental crime', construction_without_approval: 'construction without approval',
    secret_discharge_pipe: 'secret discharge pipe', illegal_hazardous_waste_dumping: 'illegal dumping of hazardous waste',
    severe_ecological_damage: 'severe ecological damage', obstruction_of_inspection: 'obstruction of inspection',
    monitoring_data_falsification: 'falsified monitoring data',
  },
};

function word(lang: SentenceLanguage, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return WORDS[lang][value] ?? value.replace(/_/g, ' ');
}

function text(data: Record<string, unknown> | null | undefined, key: string): string | null {
  const v = data?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

/** "enforcement.complaint_verified" → 投诉查实 / Verified complaint; an unknown type becomes words, never snake_case. */
export function eventTypeName(type: string, lang: SentenceLanguage): string {
  const known = TYPE_NAMES[lang][type];
  if (known) return known;
  const last = type.split('.').pop() ?? type;
  const spaced = last.replace(/_/g, ' ');
  return lang === 'en' ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : spaced;
}

/** "S1" → 投诉查实 / Verified complaint (the code itself only when unknown). */
export function indicatorName(indicator: string, lang: SentenceLanguage): string {
  return INDICATOR_NAMES[lang][indicator] ?? indicator;
}

export function criterionName(criterion: string, lang: SentenceLanguage): string {
  return CRITERIA[lang][criterion] ?? criterion;
}

function join(parts: (string | null | undefined)[], lang: SentenceLanguage): string {
  return parts.filter((p): p is string => Boolean(p)).join(lang === 'zh' ? '，' : ', ');
}

function paren(inner: string, lang: SentenceLanguage): string {
  if (!inner) return '';
  return lang === 'zh' ? `（${inner}）` : ` (${inner})`;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** What the event says, without its day: the type's name and, in brackets, what identifies and qualifies it. */
export function eventHeadline(event: SentenceEvent, lang: SentenceLanguage): string {
  const d = event.data ?? null;
  const name = eventTypeName(event.type, lang);
  const zh = lang === 'zh';
  switch (event.type) {
    case 'enforcement.penalty': {
      const amount = number(d?.amountYuan);
      const money = amount === null ? null : zh ? `罚款 ${amount.toLocaleString('zh-CN')} 元` : `fine ¥${amount.toLocaleString('en')}`;
      return name + paren(join([text(d, 'caseNo'), word(lang, d?.severity), money], lang), lang);
    }
    case 'enforcement.inspection': {
      const findings = d?.result === 'violation_found' ? text(d, 'findings') : null;
      return name + paren(join([text(d, 'inspectionId'), word(lang, d?.result), findings], lang), lang);
    }
    case 'enforcement.rectification_order': {
      const deadline = text(d, 'deadline');
      return name + paren(join([text(d, 'orderNo'), deadline ? (zh ? `限 ${deadline} 前完成` : `due ${deadline}`) : null], lang), lang);
    }
    case 'enforcement.rectification_completed':
      return name + paren(text(d, 'ref') ?? '', lang);
    case 'enforcement.incident':
      return name + paren(join([text(d, 'incidentId'), d?.level ? (zh ? `${word(lang, d.level)}级别` : `${word(lang, d.level)} level`) : null], lang), lang);
    case 'enforcement.veto':
      return name + paren(join([word(lang, d?.reason), text(d, 'caseNo')], lang), lang);
    case 'enforcement.complaint_verified':
      return name + paren(text(d, 'complaintId') ?? '', lang);
    case 'enforcement.award':
      return name + paren(join([text(d, 'title'), word(lang, d?.level)], lang), lang);
    case 'enforcement.voided':
      return name + paren(text(d, 'reason') ?? '', lang);
    case 'monitoring.reading': {
      const value = number(d?.value);
      const limit = number(d?.limit);
      const unit = text(d, 'unit') ?? '';
      const over = value !== null && limit !== null && value > limit;
      const reading =
        value === null
          ? null
          : zh
            ? `${text(d, 'pollutant') ?? ''} ${trimNumber(value)}${unit ? ` ${unit}` : ''}${limit !== null ? `，限值 ${trimNumber(limit)}` : ''}${over ? `，为限值的 ${trimNumber(value / limit)} 倍` : ''}`
            : `${text(d, 'pollutant') ?? ''} ${trimNumber(value)}${unit ? ` ${unit}` : ''}${limit !== null ? `, limit ${trimNumber(limit)}` : ''}${over ? `, ${trimNumber(value / limit)}× the limit` : ''}`;
      return name + paren(join([text(d, 'pointId'), reading?.trim()], lang), lang);
    }
    case 'monitoring.gap': {
      const hours = number(d?.hours);
      return name + paren(join([text(d, 'pointId'), hours === null ? null : zh ? `${hours} 小时` : `${hours} h`], lang), lang);
    }
    case 'monitoring.falsification':
      return name + paren(join([text(d, 'caseNo'), text(d, 'pointId')], lang), lang);
    case 'permit.issued':
    case 'permit.renewed': {
      const from = text(d, 'validFrom');
      const until = text(d, 'validUntil');
      return name + paren(join([text(d, 'permitNo'), from && until ? (zh ? `有效期 ${from} 至 ${until}` : `valid ${from} to ${until}`) : null], lang), lang);
    }
    case 'permit.revoked':
      return name + paren(join([text(d, 'permitNo'), text(d, 'reason')], lang), lang);
    case 'permit.report_overdue':
    case 'permit.report_submitted': {
      const kind = word(lang, d?.reportType);
      const period = text(d, 'period');
      const due = event.type === 'permit.report_overdue' ? text(d, 'dueDate') : null;
      return (
        name +
        paren(
          join(
            [
              kind && period ? (zh ? `${period} ${kind}报告` : `${kind} report ${period}`) : period,
              due ? (zh ? `应于 ${due} 前提交` : `due ${due}`) : null,
            ],
            lang,
          ),
          lang,
        )
      );
    }
    case 'enterprise.upserted':
      return name + paren(text(d, 'name') ?? '', lang);
    default:
      return name;
  }
}

/** "2026-12-02 行政处罚（常环罚〔2026〕1515号，严重，罚款 50,000 元）" — the event log, markers, portal and queues. */
export function eventSentence(event: SentenceEvent, lang: SentenceLanguage): string {
  const headline = eventHeadline(event, lang);
  return event.day ? `${event.day} ${headline}` : headline;
}

/** The last day an effect counts: `until` is exclusive in the API, so the day before it; null when open-ended. */
export function lastCountedDay(until: string | null): string | null {
  if (until === null) return null;
  const [y, m, d] = until.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export type EffectKind = 'deduction' | 'veto' | 'bonus';

export function effectKind(effect: Pick<SentenceEffect, 'criterion' | 'indicator'>): EffectKind {
  if (effect.criterion === 'V' || effect.criterion === 'veto' || effect.indicator === 'E7') return 'veto';
  if (effect.criterion === 'B' || effect.criterion === 'bonus') return 'bonus';
  return 'deduction';
}

/** The weighted impact on the total score, the one scale every screen shows: "−21.90", "+2", "0". */
export function formatImpact(effect: Pick<SentenceEffect, 'impact' | 'criterion' | 'indicator'>): string {
  const kind = effectKind(effect);
  if (kind === 'veto') return '—';
  if (effect.impact === 0) return '0';
  return kind === 'bonus' ? `+${trimNumber(effect.impact)}` : `−${(Math.round(effect.impact * 100 + 1e-6) / 100).toFixed(2)}`;
}

function repairText(indicator: string, lang: SentenceLanguage): string {
  const zh = lang === 'zh';
  switch (indicator) {
    case 'P1':
      return zh ? '提交该期执行报告后结束' : 'ends once the report is submitted';
    case 'P2':
      return zh ? '取得有效排污许可证后结束' : 'ends once a valid permit is in force';
    case 'E2':
      return zh ? '整改完成后可提前结束（最早在处罚 90 天后）' : 'ends early once rectified (not before 90 days)';
    default:
      return zh ? '整改完成后可提前结束' : 'ends early once rectified';
  }
}

export interface EffectSentence {
  kind: EffectKind;
  /** "2026-12-02 行政处罚（常环罚〔2026〕1515号，严重）" (the indicator's name when the event is not known). */
  what: string;
  /** "总分 −21.90" / "评为 1 星" / "总分 +2": on the total score's scale. */
  impact: string;
  /** "执法监管分项扣 50 分": the sub-score points, secondary. */
  subscore: string | null;
  /** "计至 2027-12-01" (the last day counted) or "整改完成前持续". */
  end: string;
  /** "整改完成后可提前结束" when a repair can still end it early. */
  repair: string | null;
  /** The whole sentence. */
  text: string;
}

/**
 * "2026-12-02 行政处罚（常环罚〔2026〕1515号，严重）：总分 −21.90（执法监管分项扣 50 分），计至 2027-12-01，整改完成后可提前结束".
 * `source` is the effect's event (type, day, data) when the API sent it; without it the indicator's name stands in.
 */
export function effectSentence(effect: SentenceEffect, source: SentenceEvent | null | undefined, lang: SentenceLanguage): EffectSentence {
  const zh = lang === 'zh';
  const kind = effectKind(effect);
  const day = source?.day ?? effect.from;
  const what = `${day} ${source ? eventHeadline(source, lang) : indicatorName(effect.indicator, lang)}`;
  const impact =
    kind === 'veto'
      ? zh
        ? '一票否决，评为 1 星'
        : 'one-vote veto: rated 1 star'
      : zh
        ? `总分 ${formatImpact(effect)}`
        : `total score ${formatImpact(effect)}`;
  const subscore =
    kind === 'deduction' && effect.points > 0
      ? zh
        ? `${criterionName(effect.criterion, lang)}分项扣 ${trimNumber(effect.points)} 分`
        : `${trimNumber(effect.points)} points off ${criterionName(effect.criterion, lang)}`
      : kind === 'deduction' && effect.points === 0
        ? zh
          ? '已达当日扣分上限，本项不再扣分'
          : 'daily cap reached, no further points'
        : null;
  const last = lastCountedDay(effect.until);
  const end = last === null ? (zh ? '整改完成前持续' : 'counts until rectified') : zh ? `计至 ${last}` : `counts through ${last}`;
  const repair = effect.repairable && last !== null ? repairText(effect.indicator, lang) : null;
  const head = subscore ? `${impact}${zh ? `（${subscore}）` : ` (${subscore})`}` : impact;
  const body = join([head, end, repair], lang);
  return { kind, what, impact, subscore, end, repair, text: `${what}${zh ? '：' : ': '}${body}` };
}

/** Under a veto, the badge's line: "2026-11-20 一票否决（私设暗管偷排），计至 2027-11-19"; null without a veto effect. */
export function vetoDetail(
  effects: readonly (SentenceEffect & { source?: SentenceEvent | null })[],
  day: string,
  lang: SentenceLanguage,
): string | null {
  const veto = effects.find((e) => effectKind(e) === 'veto' && e.from <= day && (e.until === null || e.until > day));
  if (!veto) return null;
  const s = effectSentence(veto, veto.source, lang);
  return join([s.what, s.end], lang);
}
