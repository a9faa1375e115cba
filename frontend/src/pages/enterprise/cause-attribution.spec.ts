import { causeParts } from './cause-attribution';

const short = (cause: Parameters<typeof causeParts>[0]): string[] =>
  causeParts(cause).map((p) => `${p.key.replace('enterprise.causeAttribution.', '')}${p.values ? JSON.stringify(p.values) : ''}`);

describe('causeParts: who caused a revision, and why', () => {
  it('an appeal accepted by an inspector: the workflow, the decider and the reason', () => {
    expect(short({ eventId: 'void-1', type: 'enforcement.voided', via: 'workflow', sender: null, decidedBy: 'li.na', reason: '处罚决定已被复议撤销' })).toEqual([
      'workflowNoSender',
      'decided{"decidedBy":"li.na"}',
      'reason{"reason":"处罚决定已被复议撤销"}',
    ]);
  });

  it('HTTP ingest names the account or key; Kafka says another system; the simulator itself', () => {
    expect(short({ eventId: 'e', type: 'enforcement.penalty', via: 'http', sender: 'zhang.wei', decidedBy: null, reason: null })).toEqual(['http{"sender":"zhang.wei"}']);
    // The topic is a machine name: not in the sentence (the page puts it in the tooltip).
    expect(short({ eventId: 'e', type: 'enforcement.penalty', via: 'kafka', sender: 'envface.enforcement.v1', decidedBy: null, reason: null })).toEqual(['kafka']);
    expect(short({ eventId: 'e', type: null, via: 'simulator', sender: null, decidedBy: null, reason: null })).toEqual(['simulator']);
  });

  it('a registry workflow names the inspector who ran it', () => {
    expect(short({ eventId: 'e', type: 'enterprise.upserted', via: 'workflow', sender: 'wang.fang', decidedBy: null, reason: null })).toEqual(['workflow{"sender":"wang.fang"}']);
  });
});
