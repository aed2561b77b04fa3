import { describe, expect, it } from 'vitest';
import { formatAlerts, inferIntervalMs, parseNabCsv } from '../../../server/detection/nab-csv.ts';
import { detectOpenings } from '../../../server/detection/series-replay.ts';

describe('NAB csv adapter', () => {
  const csv = 'timestamp,value\n2015-02-26 21:42:53,57\n2015-02-26 21:47:53,43\n2015-02-26 21:52:53,55\n';

  it('reads timestamps as UTC and echoes them byte for byte', () => {
    const rows = parseNabCsv(csv);
    expect(rows[0]).toEqual({ stamp: '2015-02-26 21:42:53', time: Date.UTC(2015, 1, 26, 21, 42, 53), value: 57 });
    expect(formatAlerts(rows, [false, true, false])).toBe(
      'timestamp,alert\n2015-02-26 21:42:53,0\n2015-02-26 21:47:53,1\n2015-02-26 21:52:53,0\n',
    );
  });

  it('infers the interval from the typical step, despite a gap', () => {
    const rows = parseNabCsv(`${csv}2015-02-26 22:42:53,10\n2015-02-26 22:47:53,10\n`);
    expect(inferIntervalMs(rows)).toBe(5 * 60_000);
  });

  it.each([
    { name: 'a wrong header', text: 'time,count\n2015-02-26 21:42:53,1\n', error: /header/ },
    { name: 'a bad row', text: 'timestamp,value\n2015-02-26 21:42:53,lots\n', error: /line 2/ },
  ])('rejects $name with a message saying where', ({ text, error }) => {
    expect(() => parseNabCsv(text)).toThrow(error);
  });

  it('flags one row per incident opening, and none for a repeated timestamp', () => {
    const start = Date.UTC(2015, 1, 26);
    const rows = Array.from({ length: 3 * 288 }, (_, i) => ({
      time: start + i * 300_000,
      value: i === 700 ? 400 : 20 + (i % 5),
    }));
    rows.splice(701, 0, { time: rows[700]!.time, value: 400 });
    const alerts = detectOpenings(rows, 300_000);
    expect(alerts).toHaveLength(rows.length);
    expect(alerts.filter(Boolean)).toHaveLength(1);
    expect(alerts[700]).toBe(true);
  });
});
