/**
 * The words of a credit notice (环保信用记录告知书), rendered once from its facts and stored: the portal,
 * the print and any export show exactly this text. Pure: no I/O, no clock.
 */

export type NoticeEventType = 'enforcement.penalty' | 'enforcement.inspection' | 'enforcement.rectification_order' | 'enforcement.complaint_verified';

export interface NoticeRating {
  day: string;
  score: number;
  stars: number;
  face: 'smile' | 'neutral' | 'cry';
}

export interface NoticeFacts {
  noticeNo: string;
  enterpriseId: string;
  enterpriseName: string | null;
  eventId: string;
  eventType: NoticeEventType;
  eventDay: string;
  /** the event's data as stored */
  data: Record<string, unknown>;
  /** the effect the event has (null when it carries none on any rated day yet, e.g. an order before its deadline) */
  effect: { indicator: string; points: number; impact: number; from: string; until: string | null; repairable: boolean } | null;
  before: NoticeRating | null;
  after: NoticeRating | null;
  noticeDay: string;
  appealDeadline: string;
}

const FACES: Record<NoticeRating['face'], string> = { smile: '笑脸', neutral: '平脸', cry: '哭脸' };
const SEVERITY: Record<string, string> = { minor: '轻微', general: '一般', serious: '严重' };
const INDICATORS: Record<string, string> = {
  E1: '现场检查发现环境违法行为',
  E2: '环境行政处罚',
  E3: '责令改正（限期整改）',
  E4: '整改逾期未完成',
  S1: '经核实的公众举报',
};
/** How each indicator can end early (信用修复), in plain words; null when it cannot. */
const REPAIR: Record<string, string> = {
  E1: '完成整改并经核查确认后，该记录提前终止计分。',
  E2: '完成整改并经核查确认后，影响期可缩短（最短自处罚之日起 90 日）。',
  E3: '按期完成整改并经核查确认后，该记录提前终止计分。',
  E4: '完成整改并经核查确认后，该记录提前终止计分。',
};

function rating(r: NoticeRating | null): string {
  return r === null ? '无评价' : `${r.score.toFixed(1)} 分、${r.stars} 星（${FACES[r.face]}）`;
}

/** The day before an exclusive end, as YYYY-MM-DD. */
function lastDay(until: string): string {
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function whatHappened(f: NoticeFacts): string {
  const d = f.data;
  switch (f.eventType) {
    case 'enforcement.penalty':
      return `受到环境行政处罚（案号 ${String(d.caseNo)}）：${String(d.violation)}；处罚程度${SEVERITY[String(d.severity)] ?? String(d.severity)}，罚款 ${Number(d.amountYuan).toLocaleString('zh-CN')} 元`;
    case 'enforcement.inspection':
      return `在现场检查（编号 ${String(d.inspectionId)}）中被发现环境违法行为${d.findings ? `：${String(d.findings)}` : ''}`;
    case 'enforcement.rectification_order':
      return `被责令限期整改（决定书编号 ${String(d.orderNo)}），整改期限至 ${String(d.deadline)}`;
    case 'enforcement.complaint_verified':
      return `被公众举报且经核实（举报编号 ${String(d.complaintId)}）`;
  }
}

export function renderNoticeText(f: NoticeFacts): string {
  const lines: string[] = [];
  lines.push('环保信用记录告知书');
  lines.push(`编号：${f.noticeNo}`);
  lines.push('');
  lines.push(`${f.enterpriseName ?? '（未登记名称）'}（统一社会信用代码：${f.enterpriseId}）：`);
  lines.push(`一、记录：贵单位于 ${f.eventDay} ${whatHappened(f)}。`);
  if (f.effect) {
    const e = f.effect;
    lines.push(
      `二、计分：该记录计入“${INDICATORS[e.indicator] ?? e.indicator}”（指标 ${e.indicator}），扣 ${e.points} 分，对环境信用总分的加权影响为 -${e.impact.toFixed(2)} 分。`,
    );
    lines.push(`三、评价变化：${f.after?.day ?? f.eventDay} 的评价由 ${rating(f.before)}变为 ${rating(f.after)}。`);
    lines.push(`四、影响期：自 ${e.from} 起${e.until === null ? '，至整改完成并经核查确认之日止' : `，至 ${lastDay(e.until)}（含）止`}。`);
    lines.push(`五、信用修复：${e.repairable && REPAIR[e.indicator] ? REPAIR[e.indicator] : '该记录不能提前终止，影响期届满后自动不再计分。'}`);
  } else {
    lines.push('二、计分：该记录目前尚未计分；逾期未完成整改的，自期限届满次日起按“整改逾期未完成”（指标 E4）计分。');
    lines.push(`三、评价变化：${f.after?.day ?? f.eventDay} 的评价为 ${rating(f.after)}。`);
    lines.push('四、影响期：按期完成整改并经核查确认的，不计分。');
    lines.push(`五、信用修复：${REPAIR.E3}`);
  }
  lines.push(`六、复核：如对该记录有异议，可自本告知书送达之日起 30 日内（截至 ${f.appealDeadline}）通过企业门户申请复核；逾期提出的复核申请不予受理。`);
  lines.push('');
  lines.push(`告知日期：${f.noticeDay}`);
  lines.push('生态环境主管部门（环保脸谱）');
  return lines.join('\n');
}
