/**
 * The peer percentile as a regulator can defend it: the share of the OTHER rated members of the group whose
 * rating is strictly lower (fewer stars, or as many stars and a lower score). Equal ratings are never counted
 * as "better than" — 好于 73% must not include enterprises rated exactly the same — and the enterprise itself is
 * not its own peer. Rounded down so the sentence never overstates. Null when there is nobody to compare with.
 */
export function peerPercentile(below: number, peers: number): number | null {
  if (peers <= 0) return null;
  return Math.floor((100 * below) / peers);
}

export interface Quarter {
  /** e.g. 2026Q3 */
  label: string;
  from: string;
  /** last day of the quarter, or today for the current one */
  to: string;
}

/** The quarter holding `today` (ISO day) and the `before` quarters before it, newest first. */
export function quartersBack(today: string, before: number): Quarter[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const q0 = Math.floor((m - 1) / 3);
  const out: Quarter[] = [];
  for (let i = 0; i <= before; i += 1) {
    const index = y * 4 + q0 - i;
    const year = Math.floor(index / 4);
    const q = index % 4;
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const endMonth = q * 3 + 3;
    const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
    const end = `${year}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
    out.push({ label: `${year}Q${q + 1}`, from, to: i === 0 ? today : end });
  }
  return out;
}
