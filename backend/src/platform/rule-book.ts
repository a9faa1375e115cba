import { defaultRuleBook } from '@envface/streams';

/** Nest token of the rule book the app rates with (the scorer applies it, early warnings read its thresholds). */
export const RULE_BOOK = Symbol('RULE_BOOK');

export const ruleBookProvider = { provide: RULE_BOOK, useFactory: () => defaultRuleBook() };
