// Runs a report for a caller: checks the range and the filters (400 on anything unknown), limits a
// clerk to their own figures, feeds the shared report functions from the daily roll-ups and names
// the ids. Files (CSV, XLSX, PDF) are made from the same answer.
import { type ReportName, computeReport, keyFigures } from '../../../shared/reports/reports.ts';
import type { ReportLabels } from '../../../shared/reports/cells.ts';
import { type PlanInputs, planInputs } from '../../../shared/reports/plan-inputs.ts';
import type { RollupSource } from '../../../shared/reports/source.ts';
import { type ReportQueryParams, type ReportResponse, rangeProblem } from '../../../shared/protocol/reports.ts';
import type { Branch, Counter, Service } from '../../../shared/protocol/entities.ts';
import type { Principal } from '../auth/auth-store.ts';
import { ApiError } from '../../node-common/http/errors.ts';

export interface ReportDeps {
  source: RollupSource;
  branch: () => Branch;
  services: () => Iterable<Service>;
  counters: () => Iterable<Pick<Counter, 'id' | 'name'>>;
  /** Staff by id: name shown in reports. */
  staff: () => Iterable<{ id: string; username: string; displayName?: string }>;
  now: () => number;
}

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService(deps: ReportDeps) {
  function labels(): ReportLabels {
    const services: ReportLabels['services'] = {};
    for (const s of deps.services()) services[s.id] = s.name;
    const counters: ReportLabels['counters'] = {};
    for (const c of deps.counters()) counters[c.id] = c.name;
    const clerks: ReportLabels['clerks'] = {};
    for (const u of deps.staff()) clerks[u.id] = u.displayName ?? u.username;
    return { services, counters, clerks };
  }

  return {
    /** Arrivals per service and hour and service times over a checked range (the staffing planner's inputs). */
    planInputs(from: string, to: string): PlanInputs {
      const problem = rangeProblem(from, to);
      if (problem) throw new ApiError('invalid_input', `query: ${problem}`);
      return planInputs(deps.source.rollups(from, to), { from, to });
    },
    run(name: ReportName, p: ReportQueryParams, principal: Pick<Principal, 'id' | 'role'>): ReportResponse {
      const problem = rangeProblem(p.from, p.to);
      if (problem) throw new ApiError('invalid_input', `query: ${problem}`);
      const names = labels();
      if (p.service && !names.services[p.service]) throw new ApiError('invalid_input', `query: no service ${p.service}`);
      if (p.counter && !names.counters[p.counter]) throw new ApiError('invalid_input', `query: no counter ${p.counter}`);
      if (p.clerk && names.clerks[p.clerk] === undefined) throw new ApiError('invalid_input', `query: no staff member ${p.clerk}`);
      // A clerk sees their own figures only.
      if (principal.role === 'clerk') {
        if (p.clerk && p.clerk !== principal.id) throw new ApiError('forbidden', 'a clerk may see only their own figures');
      }
      const clerkId = principal.role === 'clerk' ? principal.id : p.clerk;
      const query = {
        from: p.from, to: p.to,
        ...(p.service ? { serviceId: p.service } : {}),
        ...(p.counter ? { counterId: p.counter } : {}),
        ...(clerkId ? { clerkId } : {}),
        ...(name === 'trends' ? { period: p.period ?? 'week' } : {}),
      };
      const facts = deps.source.rollups(p.from, p.to);
      const extras = name === 'satisfaction' ? { comments: deps.source.comments(p.from, p.to) } : {};
      const r = computeReport(name, facts, query, extras);
      const b = deps.branch();
      return { ...r, labels: names, key: keyFigures(facts, query), branch: { name: b.name, timeZone: b.timeZone, digits: b.digits }, generatedAt: new Date(deps.now()).toISOString() };
    },
  };
}
