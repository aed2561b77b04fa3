import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OfficialStatus } from '../../../shared/schemas/official-status.ts';
import { parseStatuspageSummary } from '../../../server/status/official/statuspage-v2.ts';

const FETCHED = '2025-03-04T14:35:00.000Z';
/** GitHub's /api/v2/summary.json on a quiet day (see /work/shared/data/statuspage/README.md). */
const recorded = JSON.parse(
  readFileSync(new URL('../../fixtures/statuspage/github-operational.summary.json', import.meta.url), 'utf8'),
);
type Summary = typeof recorded & Record<string, any>;

/** The recorded page with some components changed, as it would look during an incident. */
function variant(change: (s: Summary) => void): Summary {
  const s = structuredClone(recorded) as Summary;
  change(s);
  return s;
}
const component = (s: Summary, name: string) => s.components.find((c: { name: string }) => c.name === name)!;
const parse = (payload: unknown) => {
  const r = parseStatuspageSummary(payload, FETCHED);
  OfficialStatus.parse(r);
  return r;
};

describe('parseStatuspageSummary', () => {
  it('reads the recorded quiet-day page as operational, component by component', () => {
    const r = parse(recorded);
    expect(r).toMatchObject({
      source: 'statuspage',
      fetchedAt: FETCHED,
      level: 'operational',
      description: 'All Systems Operational',
      incidents: [],
      maintenances: [],
    });
    expect(r.components).toHaveLength(9);
    expect(r.components[1]).toEqual({ name: 'API Requests', level: 'operational' });
    expect(r.notes).toBeUndefined();
  });

  it('reads a partial outage on one component with its open incident and latest update', () => {
    const r = parse(
      variant((s) => {
        component(s, 'API Requests').status = 'partial_outage';
        s.status = { indicator: 'major', description: 'Partial System Outage' };
        s.incidents = [
          {
            id: 'inc1',
            name: 'Elevated error rates for API requests',
            status: 'identified',
            impact: 'major',
            shortlink: 'https://stspg.io/abc',
            updated_at: '2025-03-04T14:33:10.000Z',
            incident_updates: [
              {
                status: 'investigating',
                body: 'We are investigating reports of errors.',
                display_at: '2025-03-04T14:31:00.000Z',
              },
              {
                status: 'identified',
                body: 'The cause is a <b>failed</b> database failover &amp; we are rolling back.',
                display_at: '2025-03-04T14:33:00.000Z',
              },
            ],
          },
        ];
      }),
    );
    expect(r.level).toBe('partial_outage');
    expect(r.description).toBe('Partial System Outage');
    expect(r.components.filter((c) => c.level !== 'operational')).toEqual([
      { name: 'API Requests', level: 'partial_outage' },
    ]);
    expect(r.incidents).toEqual([
      {
        name: 'Elevated error rates for API requests',
        status: 'identified',
        impact: 'major',
        url: 'https://stspg.io/abc',
        updatedAt: '2025-03-04T14:33:10.000Z',
        latestUpdate: 'The cause is a failed database failover & we are rolling back.',
      },
    ]);
  });

  it('reads a major outage when every component is down', () => {
    const r = parse(
      variant((s) => {
        for (const c of s.components) c.status = 'major_outage';
        s.status = { indicator: 'critical', description: 'Major System Outage' };
      }),
    );
    expect(r.level).toBe('major_outage');
    expect(r.components.every((c) => c.level === 'major_outage')).toBe(true);
  });

  it('reads maintenance in progress with its window', () => {
    const r = parse(
      variant((s) => {
        component(s, 'GitHub Packages').status = 'under_maintenance';
        s.status = { indicator: 'maintenance', description: 'Service Under Maintenance' };
        s.scheduled_maintenances = [
          {
            name: 'Packages storage migration',
            status: 'in_progress',
            scheduled_for: '2025-03-04T14:00:00.000Z',
            scheduled_until: '2025-03-04T16:00:00.000Z',
          },
          { name: 'Old window', status: 'completed', scheduled_for: '2025-03-01T14:00:00.000Z' },
        ];
      }),
    );
    expect(r.level).toBe('under_maintenance');
    expect(r.maintenances).toEqual([
      {
        name: 'Packages storage migration',
        status: 'in_progress',
        scheduledFor: '2025-03-04T14:00:00.000Z',
        scheduledUntil: '2025-03-04T16:00:00.000Z',
      },
    ]);
  });

  it('takes the worse of the overall indicator and the components, since pages lag', () => {
    const r = parse(variant((s) => (component(s, 'Webhooks').status = 'degraded_performance')));
    expect(r.level).toBe('degraded_performance');
    expect(r.description).toBe('All Systems Operational');
  });

  it('skips group containers, names members by group, and hides operational hide-until-degraded components', () => {
    const r = parse(
      variant((s) => {
        s.components.push(
          { id: 'grp1', name: 'Codespaces', status: 'major_outage', group: true, group_id: null },
          { id: 'm1', name: 'Codespaces EU', status: 'major_outage', group: false, group_id: 'grp1' },
          {
            id: 'm2',
            name: 'Codespaces Asia',
            status: 'operational',
            group: false,
            group_id: 'grp1',
            only_show_if_degraded: true,
          },
          {
            id: 'm3',
            name: 'Codespaces US',
            status: 'degraded_performance',
            group: false,
            group_id: 'grp1',
            only_show_if_degraded: true,
          },
        );
      }),
    );
    const names = r.components.map((c) => c.name);
    expect(names).not.toContain('Codespaces');
    expect(names).not.toContain('Codespaces Asia');
    expect(r.components.filter((c) => c.group)).toEqual([
      { name: 'Codespaces EU', level: 'major_outage', group: 'Codespaces' },
      { name: 'Codespaces US', level: 'degraded_performance', group: 'Codespaces' },
    ]);
  });

  it('treats unknown words as degraded and notes them, never throwing', () => {
    const r = parse(
      variant((s) => {
        component(s, 'Webhooks').status = 'on_fire';
        s.status.indicator = 'purple';
      }),
    );
    expect(r.level).toBe('degraded_performance');
    expect(r.components.find((c) => c.name === 'Webhooks')?.level).toBe('degraded_performance');
    expect(r.notes).toEqual([
      'Component "Webhooks" has an unknown status "on_fire"; shown as degraded.',
      `The page's overall indicator "purple" is unknown; shown as degraded.`,
    ]);
  });

  it('reads an indicator named like an object property as unknown, not as a level', () => {
    const r = parse(variant((s) => (s.status.indicator = 'constructor')));
    expect(r.level).toBe('degraded_performance');
    expect(r.notes).toEqual([`The page's overall indicator "constructor" is unknown; shown as degraded.`]);
  });

  it('tolerates missing fields', () => {
    const r = parse({
      components: [{ status: 'operational' }],
      incidents: [{ status: 'investigating' }],
      scheduled_maintenances: [{}],
    });
    expect(r.level).toBe('operational');
    expect(r.components).toEqual([{ name: 'Unnamed component', level: 'operational' }]);
    expect(r.incidents[0]).toMatchObject({ name: 'Unnamed incident', impact: 'none', updatedAt: FETCHED });
    expect(r.maintenances).toEqual([{ name: 'Scheduled maintenance', status: 'scheduled' }]);
  });

  describe('incident links', () => {
    const withIncident = (incident: Record<string, unknown>, page?: Record<string, unknown>) =>
      parse(
        variant((s) => {
          s.incidents = [
            {
              id: 'inc1',
              name: 'API errors',
              status: 'investigating',
              impact: 'minor',
              updated_at: '2025-03-04T14:33:10.000Z',
              ...incident,
            },
          ];
          if (page) s.page = { ...s.page, ...page };
        }),
      ).incidents[0];

    it('keeps an http(s) shortlink', () => {
      expect(withIncident({ shortlink: 'https://stspg.io/abc' })?.url).toBe('https://stspg.io/abc');
      expect(withIncident({ shortlink: 'http://stspg.io/abc' })?.url).toBe('http://stspg.io/abc');
    });

    it.each(
      [
        'javascript:alert(document.cookie)',
        ' JAVASCRIPT:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        '/incidents/inc1',
        'stspg.io/abc',
        `https://stspg.io/${'a'.repeat(5_000)}`,
      ].map((link) => [
        link.length > 100 ? `an https link of ${link.length.toLocaleString('en-US')} characters` : JSON.stringify(link),
        link,
      ]),
    )('drops the shortlink %s and links the incident on the page instead', (_, shortlink) => {
      expect(withIncident({ shortlink })?.url).toBe(`${recorded.page.url}/incidents/inc1`);
    });

    it('gives no link when neither the shortlink nor the page address is http(s)', () => {
      const incident = withIncident({ shortlink: 'javascript:alert(1)' }, { url: 'javascript:alert(2)//' });
      expect(incident).toMatchObject({ name: 'API errors' });
      expect(incident).not.toHaveProperty('url');
    });
  });

  it('cuts long names and update bodies before reading them, marking the cut', () => {
    const r = parse(
      variant((s) => {
        component(s, 'Webhooks').name = `Webhooks ${'and more '.repeat(1_000)}`;
        s.incidents = [
          {
            name: `API ${'errors '.repeat(1_000)}`,
            status: 'investigating',
            incident_updates: [{ body: `<p>${'We are investigating. '.repeat(2_000)}</p>` }],
          },
        ];
      }),
    );
    expect(r.components.find((c) => c.name.startsWith('Webhooks'))?.name).toMatch(/^Webhooks and more .{200,}…$/);
    expect(r.incidents[0]!.name.length).toBeLessThanOrEqual(300);
    expect(r.incidents[0]!.latestUpdate).toMatch(/^We are investigating\. We are .*…$/);
    expect(r.incidents[0]!.latestUpdate!.length).toBeLessThanOrEqual(4_000);
  });

  it('finds the newest update by its time, whatever the order of the list', () => {
    const r = parse(
      variant((s) => {
        s.incidents = [
          {
            name: 'API errors',
            status: 'monitoring',
            incident_updates: [
              { body: 'Second', display_at: '2025-03-04T14:32:00.000Z' },
              { body: 'Third', display_at: '2025-03-04T14:33:00.000Z' },
              { body: 'First', display_at: '2025-03-04T14:31:00.000Z' },
            ],
          },
        ];
      }),
    );
    expect(r.incidents[0]?.latestUpdate).toBe('Third');
  });

  it.each([null, 'All good', 42, [], {}])('reads %j without throwing, as degraded with a note', (payload) => {
    const r = parse(payload);
    expect(r.level).toBe('degraded_performance');
    expect(r.notes?.length).toBe(1);
  });
});
