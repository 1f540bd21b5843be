// The dry run's transitions as a step series over its period: how many nodes (or the chain, for a chain-level rule)
// were firing and pending at each moment.

export interface DryRunStep { status: string; at: string; nodeId?: string | null; nodeName?: string | null; summary?: string }
export interface DryRunAnswer { wouldHaveFired?: boolean; samples?: number; from?: string; to?: string; transitions?: DryRunStep[] }

/** Times in seconds, with the firing and pending counts from each time on; null without a period. */
export function dryRunSeries(dry: DryRunAnswer): { t: number[]; firing: number[]; pending: number[] } | null {
  if (!dry.from || !dry.to) return null;
  const from = Date.parse(dry.from) / 1000;
  const to = Date.parse(dry.to) / 1000;
  if (!(to > from)) return null;
  const state = new Map<string, string>();
  const out = { t: [from], firing: [0], pending: [0] };
  const steps = [...(dry.transitions ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const s of steps) {
    const at = Math.min(to, Math.max(from, Date.parse(s.at) / 1000));
    const key = s.nodeId ?? 'chain';
    if (s.status === 'RESOLVED') state.delete(key); else state.set(key, s.status);
    const values = [...state.values()];
    const firing = values.filter((v) => v === 'FIRING' || v === 'ACKNOWLEDGED').length;
    const pending = values.filter((v) => v === 'PENDING').length;
    if (out.t[out.t.length - 1] === at) {
      out.firing[out.firing.length - 1] = firing;
      out.pending[out.pending.length - 1] = pending;
    } else {
      out.t.push(at); out.firing.push(firing); out.pending.push(pending);
    }
  }
  out.t.push(to);
  out.firing.push(out.firing[out.firing.length - 1]);
  out.pending.push(out.pending[out.pending.length - 1]);
  return out;
}
