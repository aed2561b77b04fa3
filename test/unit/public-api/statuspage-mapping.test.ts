import { describe, expect, it } from 'vitest';
import type { Incident, MaintenanceWindow, StatusLevel } from '../../../shared/index.ts';
import { pageStatus } from '../../../server/public-api/statuspage-components.ts';
import { statuspageIncident, statuspageMaintenance } from '../../../server/public-api/statuspage-incidents.ts';
import { stableId } from '../../../server/public-api/stable-id.ts';

const T = Date.parse('2030-01-01T12:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString();
const evidence = { windowMinutes: 10, observed: 40, expected: 3, ratio: 13, pValue: 1e-9 };
const ctx = { pageId: 'page', base: 'https://radar.test', serviceName: 'Acme Pay', component: undefined };

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'a'.repeat(24),
  service: 'acme-pay',
  kind: 'unplanned',
  state: 'open',
  startedAt: at(-2),
  openedAt: at(0),
  reasons: ['40 reports in the last 10 minutes, 13× the usual'],
  trigger: evidence,
  peak: { ...evidence, at: at(0) },
  topProblems: [{ problem: 'login', label: 'Login', count: 30, share: 0.75 }],
  updates: [],
  ...over,
});
const update = (status: Incident['updates'][number]['status'], minutes: number) => ({
  id: `u${minutes}`,
  status,
  body: `${status} note`,
  author: 'ops',
  at: at(minutes),
});

describe('our incidents in Statuspage words', () => {
  it('starts with an update written from the detection, so the latest update is never missing', () => {
    const sp = statuspageIncident(incident(), ctx);
    expect(sp).toMatchObject({
      status: 'investigating',
      impact: 'critical',
      name: 'Acme Pay: outage reported by users',
      shortlink: `https://radar.test/incidents/${'a'.repeat(24)}`,
    });
    expect(sp.incident_updates.map((u) => u.body)).toEqual([
      'Users are reporting problems with Acme Pay. 40 reports in the last 10 minutes, 13× the usual. Most ' +
        'reported: Login (75%).',
    ]);
  });

  it(
    'keeps the status before an "update", reads "resolved" as monitoring while the incident is open, and ' +
      'lists updates newest first',
    () => {
      const sp = statuspageIncident(
        incident({ updates: [update('identified', 5), update('update', 10), update('resolved', 20)] }),
        ctx,
      );
      expect(sp.incident_updates.map((u) => [u.status, u.display_at])).toEqual([
        ['monitoring', at(20)],
        ['identified', at(10)],
        ['identified', at(5)],
        ['investigating', at(0)],
      ]);
      expect(sp).toMatchObject({ status: 'monitoring', monitoring_at: at(20), updated_at: at(20), resolved_at: null });
    },
  );

  it('closes a resolved incident with a resolution update on top', () => {
    const sp = statuspageIncident(
      incident({ kind: 'partial', state: 'resolved', resolvedAt: at(45), updates: [update('monitoring', 30)] }),
      ctx,
    );
    expect(sp).toMatchObject({
      status: 'resolved',
      impact: 'major',
      resolved_at: at(45),
      updated_at: at(45),
      monitoring_at: at(30),
      name: 'Acme Pay: problems with Login reported by users',
    });
    expect(sp.incident_updates.map((u) => u.status)).toEqual(['resolved', 'monitoring', 'investigating']);
  });
});

describe('maintenance windows as scheduled maintenances', () => {
  const window: MaintenanceWindow = {
    id: 'b'.repeat(24),
    service: 'acme-pay',
    title: 'Database upgrade',
    start: at(60),
    end: at(120),
  };
  it.each([
    [0, 'scheduled', ['scheduled']],
    [60, 'in_progress', ['in_progress', 'scheduled']],
    [130, 'completed', ['completed', 'in_progress', 'scheduled']],
  ])('at minute %i it is %s', (minute, status, phases) => {
    const sp = statuspageMaintenance(window, T + minute * 60_000, ctx);
    expect(sp.status).toBe(status);
    expect(sp.incident_updates.map((u) => u.status)).toEqual(phases);
    expect(sp).toMatchObject({ scheduled_for: at(60), scheduled_until: at(120), impact: 'maintenance' });
  });
});

describe('the page status', () => {
  const verdicts = (...levels: StatusLevel[]) =>
    levels.map((level, i) => ({
      service: { slug: `s${i}`, name: `S${i}`, category: 'C' },
      status: { level, confidence: 1, reasons: [], since: at(0) },
    }));
  it.each([
    [['operational', 'operational'], 'none', 'All Systems Operational'],
    [['operational', 'degraded_performance'], 'minor', 'Minor Service Outage'],
    [['partial_outage', 'degraded_performance'], 'major', 'Partial System Outage'],
    [['major_outage', 'under_maintenance'], 'critical', 'Major Service Outage'],
    [['operational', 'under_maintenance'], 'maintenance', 'Service Under Maintenance'],
  ] as [StatusLevel[], string, string][])('%j reads %s', (levels, indicator, description) => {
    expect(pageStatus(verdicts(...levels))).toEqual({ indicator, description });
  });
});

describe('stable ids', () => {
  it('look like Statuspage ids and depend only on what they name', () => {
    expect(stableId('component', 'acme-pay')).toMatch(/^[0-9a-z]{12}$/);
    expect(stableId('component', 'acme-pay')).toBe(stableId('component', 'acme-pay'));
    expect(stableId('component', 'acme-pay')).not.toBe(stableId('group', 'acme-pay'));
  });
});
