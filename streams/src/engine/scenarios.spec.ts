import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateMessage } from '../contract/validate-message';
import type { ContractEvent } from '../contract/event-schemas';
import { dayFromIso } from './day';
import { RatingEngine } from './rating-engine';
import { ratingDetailJson } from './rating-json';
import { rateFromScratch } from './reference-evaluator';
import { defaultRuleBook } from './rule-set';
import { toScoringEvent } from './scoring-event';
import { topicKindOfType } from '../contract/topics';

interface Scenario {
  name: string;
  enterpriseId: string;
  events: ContractEvent[];
  expect: { day: string; score: number; stars: number; face: string; colour: string; grade: string; veto: boolean; criteria: unknown; bonus: number }[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../../tests/fixtures/scenarios.json'), 'utf8')) as {
  timezone: string;
  now: string;
  scenarios: Scenario[];
};

describe('hand-checked scenarios (tests/fixtures/scenarios.json)', () => {
  it('has the twenty scenarios', () => {
    expect(fixture.scenarios.length).toBe(20);
  });

  describe.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const book = defaultRuleBook();
    const engine = new RatingEngine(book, fixture.timezone);
    for (const e of scenario.events) {
      // Every scenario event is a valid contract event; run it through the edge like a message.
      const v = validateMessage({ topicKind: topicKindOfType(e.type), key: e.enterpriseId, value: JSON.stringify(e) }, Date.parse(fixture.now));
      if (!v.ok) throw new Error(`scenario event ${e.eventId} rejected: ${v.reason} ${v.detail}`);
      engine.apply(v.event);
    }
    const scoring = scenario.events.map((e) => toScoringEvent(e, fixture.timezone));

    it.each(scenario.expect.map((x) => [x.day, x] as const))('day %s, every field', (day, expected) => {
      const ledger = engine.ledgerFor(scenario.enterpriseId);
      const got = ratingDetailJson(ledger.rate(dayFromIso(day)));
      const { effects: _effects, ...fields } = got;
      expect(fields).toEqual(expected);
      // The incremental ledger and the literal from-scratch reading agree.
      expect(ratingDetailJson(rateFromScratch(scoring, dayFromIso(day), book))).toEqual(got);
    });
  });
});
