import {
  INDUSTRY_CODE_PATTERN,
  REGION_CODE_PATTERN,
  REGISTRY_FIELDS,
  REGISTRY_LIMITS,
  usccProblem,
  type ImportRowError,
  type RegistryField,
} from '@envface/streams';

/** One good row of an import: what an enterprise.upserted event will carry. */
export interface RegistryRow {
  /** The spreadsheet line (the header is line 1). */
  row: number;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/** Column headers in both languages (the template's), as people may also type them. */
export const FIELD_HEADERS: Record<RegistryField, { zh: string; en: string }> = {
  uscc: { zh: '统一社会信用代码', en: 'USCC' },
  name: { zh: '企业名称', en: 'Name' },
  regionCode: { zh: '行政区划代码', en: 'Region code' },
  industryCode: { zh: '行业代码', en: 'Industry code' },
  address: { zh: '地址', en: 'Address' },
  lat: { zh: '纬度', en: 'Latitude' },
  lon: { zh: '经度', en: 'Longitude' },
};

const FIELD_WORDS: Record<RegistryField, { zh: string; en: string }> = {
  uscc: { zh: '统一社会信用代码', en: 'USCC' },
  name: { zh: '企业名称', en: 'name' },
  regionCode: { zh: '行政区划代码', en: 'region code' },
  industryCode: { zh: '行业代码', en: 'industry code' },
  address: { zh: '地址', en: 'address' },
  lat: { zh: '纬度', en: 'latitude' },
  lon: { zh: '经度', en: 'longitude' },
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s_\-()（）]/g, '');

/** Every accepted spelling of each header, normalised. */
const HEADER_ALIASES: Map<string, RegistryField> = new Map(
  REGISTRY_FIELDS.flatMap((f) => {
    const extra: Record<RegistryField, string[]> = {
      uscc: ['信用代码', '社会信用代码', 'unifiedsocialcreditcode'],
      name: ['名称', '单位名称', 'enterprisename'],
      regionCode: ['区划代码', 'region'],
      industryCode: ['industry', '国民经济行业代码'],
      address: ['详细地址'],
      lat: ['latitude', 'lat'],
      lon: ['longitude', 'lng', 'lon'],
    };
    return [f, FIELD_HEADERS[f].zh, FIELD_HEADERS[f].en, ...extra[f]].map((h) => [normalise(h), f] as const);
  }),
);

/** Which column holds which field; null fields are absent. Throws nothing: the caller names missing ones. */
export function mapHeader(header: readonly string[]): { columns: Map<RegistryField, number>; missing: RegistryField[] } {
  const columns = new Map<RegistryField, number>();
  header.forEach((h, i) => {
    const field = HEADER_ALIASES.get(normalise(h.replace(/^\uFEFF/, '')));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const required: RegistryField[] = ['uscc', 'name', 'regionCode', 'industryCode'];
  return { columns, missing: required.filter((f) => !columns.has(f)) };
}

function problem(row: number, column: RegistryField | null, code: string, zh: string, en: string): ImportRowError {
  return { row, column, code, message: { zh, en } };
}

function parseCoordinate(raw: string): number | null | 'bad' {
  if (raw === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return 'bad';
  return Number(raw);
}

/** Checks one data row (cells as text); returns the row or its problems (all of them, column by column). */
export function checkRow(line: number, cells: readonly string[], columns: Map<RegistryField, number>): { row: RegistryRow | null; errors: ImportRowError[] } {
  const cell = (f: RegistryField) => {
    const i = columns.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const errors: ImportRowError[] = [];
  // People type USCCs in either case; the registry stores them upper case.
  const uscc = cell('uscc').toUpperCase();
  if (uscc === '') errors.push(problem(line, 'uscc', 'missing_uscc', '统一社会信用代码为空。', 'The USCC is empty.'));
  else {
    const why = usccProblem(uscc);
    if (why !== null) {
      errors.push(
        why.startsWith('check character')
          ? problem(line, 'uscc', 'invalid_uscc', `统一社会信用代码 ${uscc} 的校验位不对（GB 32100），请核对。`, `The USCC ${uscc} has a wrong check character (GB 32100); please check it.`)
          : problem(line, 'uscc', 'invalid_uscc', `统一社会信用代码 ${uscc} 不是 18 位有效代码。`, `The USCC ${uscc} is not a valid 18-character code.`),
      );
    }
  }
  const name = cell('name');
  if (name === '') errors.push(problem(line, 'name', 'missing_name', '企业名称为空。', 'The name is empty.'));
  else if (name.length > REGISTRY_LIMITS.name) {
    errors.push(problem(line, 'name', 'too_long', `企业名称有 ${name.length} 个字，最多 ${REGISTRY_LIMITS.name} 个。`, `The name has ${name.length} characters; at most ${REGISTRY_LIMITS.name} are allowed.`));
  }
  const regionCode = cell('regionCode');
  if (!REGION_CODE_PATTERN.test(regionCode)) {
    errors.push(problem(line, 'regionCode', 'invalid_region', `行政区划代码“${regionCode}”应为 6 位数字，例如 320104。`, `The region code "${regionCode}" must be 6 digits, such as 320104.`));
  }
  const industryCode = cell('industryCode').toUpperCase();
  if (!INDUSTRY_CODE_PATTERN.test(industryCode)) {
    errors.push(
      problem(line, 'industryCode', 'invalid_industry', `行业代码“${industryCode}”不符合 GB/T 4754，应为门类字母加 2–4 位数字，例如 C2614。`, `The industry code "${industryCode}" is not a GB/T 4754 code: a section letter and 2–4 digits, such as C2614.`),
    );
  }
  const address = cell('address');
  if (address.length > REGISTRY_LIMITS.address) {
    errors.push(problem(line, 'address', 'too_long', `地址有 ${address.length} 个字，最多 ${REGISTRY_LIMITS.address} 个。`, `The address has ${address.length} characters; at most ${REGISTRY_LIMITS.address} are allowed.`));
  }
  const lat = parseCoordinate(cell('lat'));
  const lon = parseCoordinate(cell('lon'));
  if (lat === 'bad' || (lat !== null && (lat < -90 || lat > 90))) {
    errors.push(problem(line, 'lat', 'invalid_lat', `纬度“${cell('lat')}”应为 -90 到 90 之间的数。`, `The latitude "${cell('lat')}" must be a number from -90 to 90.`));
  }
  if (lon === 'bad' || (lon !== null && (lon < -180 || lon > 180))) {
    errors.push(problem(line, 'lon', 'invalid_lon', `经度“${cell('lon')}”应为 -180 到 180 之间的数。`, `The longitude "${cell('lon')}" must be a number from -180 to 180.`));
  }
  if (lat !== 'bad' && lon !== 'bad' && (lat === null) !== (lon === null)) {
    errors.push(problem(line, lat === null ? 'lat' : 'lon', 'half_coordinates', '经度和纬度要么都填，要么都不填。', 'Give both latitude and longitude, or neither.'));
  }
  if (errors.length > 0) return { row: null, errors };
  return { row: { row: line, uscc, name, regionCode, industryCode, address: address === '' ? null : address, lat: lat as number | null, lon: lon as number | null }, errors };
}

const sameValues = (a: RegistryRow, b: RegistryRow) =>
  a.name === b.name && a.regionCode === b.regionCode && a.industryCode === b.industryCode && a.address === b.address && a.lat === b.lat && a.lon === b.lon;

/**
 * All data rows checked. A USCC given twice with the same data is kept once; given twice with
 * different data, every one of its rows is an error (which one is right is for a person to decide).
 */
export function checkRows(dataRows: readonly { line: number; cells: readonly string[] }[], columns: Map<RegistryField, number>): { rows: RegistryRow[]; errors: ImportRowError[]; errorRows: number } {
  const errors: ImportRowError[] = [];
  const good: RegistryRow[] = [];
  const badLines = new Set<number>();
  for (const { line, cells } of dataRows) {
    const checked = checkRow(line, cells, columns);
    if (checked.row) good.push(checked.row);
    else {
      errors.push(...checked.errors);
      badLines.add(line);
    }
  }
  const byUscc = new Map<string, RegistryRow[]>();
  for (const r of good) byUscc.set(r.uscc, [...(byUscc.get(r.uscc) ?? []), r]);
  const rows: RegistryRow[] = [];
  for (const group of byUscc.values()) {
    const first = group[0]!;
    if (group.every((r) => sameValues(r, first))) {
      rows.push(first);
      continue;
    }
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.row).join('、');
      const othersEn = group.filter((o) => o !== r).map((o) => o.row).join(', ');
      errors.push(
        problem(r.row, 'uscc', 'conflicting_duplicate', `统一社会信用代码 ${r.uscc} 在第 ${others} 行也出现，但数据不同；请只保留正确的一行。`, `The USCC ${r.uscc} also appears on line ${othersEn} with different data; keep only the right line.`),
      );
      badLines.add(r.row);
    }
  }
  rows.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, errorRows: badLines.size };
}

/** The field's name in a sentence. */
export function fieldWord(field: RegistryField): { zh: string; en: string } {
  return FIELD_WORDS[field];
}
