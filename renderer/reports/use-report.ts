// Loads one report as JSON for the chosen range and filters; the newest request wins.
import { useEffect, useState } from 'react';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import type { ReportName } from '../../shared/reports/reports.ts';
import { useHub } from '../shell/app-context.tsx';
import { hubErrorText } from '../i18n/error-text.ts';

export interface ReportChoice {
  report: ReportName;
  from: string;
  to: string;
  service: string;
  counter: string;
  clerk: string;
  period: 'week' | 'month';
}

export function reportQuery(c: ReportChoice, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: c.from, to: c.to });
  if (c.service) q.set('service', c.service);
  if (c.counter) q.set('counter', c.counter);
  if (c.clerk) q.set('clerk', c.clerk);
  if (c.report === 'trends') q.set('period', c.period);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/api/v1/reports/${c.report}?${q.toString()}`;
}

export function useReport(choice: ReportChoice) {
  const hub = useHub();
  const [state, setState] = useState<{ data: ReportResponse | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const path = reportQuery(choice);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    hub.get<ReportResponse>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) => live && setState({ data: null, error: hubErrorText(err), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [hub, path]);
  return state;
}
