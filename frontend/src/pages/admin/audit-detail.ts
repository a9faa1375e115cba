/** One line of an audit entry's detail as an admin reads it: a named field and its value in words. */
export interface AuditDetailLine {
  key: string;
  label: string;
  value: string;
}

export interface AuditDetailWords {
  /** The field's name in the catalogue, or null when it has none (the raw key is shown then). */
  label(key: string): string | null;
  yes: string;
  no: string;
  /** A field whose value needs the domain's words (region codes as names); null: the generic wording. */
  value?(key: string, raw: unknown): string | null;
}

/** Fields read in this order when present (stored JSON keeps no order); the rest follow as stored. */
const FIRST = ['enterpriseId', 'eventId', 'voidEventId', 'from', 'to'];
const rank = (key: string) => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);

/**
 * The detail object of an audit entry as labelled lines instead of JSON: booleans as yes/no, lists
 * joined, nested objects as "name: value" pairs, empty values as a dash. Keys keep their stored order.
 */
export function auditDetailLines(detail: Record<string, unknown>, words: AuditDetailWords): AuditDetailLine[] {
  return Object.entries(detail)
    .map(([key, value], at) => ({ key, at, label: words.label(key) ?? key, value: words.value?.(key, value) ?? valueInWords(value, words) }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.at - b.at)
    .map(({ key, label, value }) => ({ key, label, value }));
}

function valueInWords(value: unknown, words: AuditDetailWords): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueInWords(v, words)).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '—';
  return entries.map(([k, v]) => `${words.label(k) ?? k}: ${valueInWords(v, words)}`).join('; ');
}
