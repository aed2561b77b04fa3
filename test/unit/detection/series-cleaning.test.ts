import { describe, expect, it } from 'vitest';
import {
  alignToGrid,
  describeCleaning,
  flagsPerRow,
  gridOffset,
  inferIntervalMs,
} from '../../../server/detection/series-cleaning.ts';
import { detectRowOpenings } from '../../../server/detection/series-replay.ts';

const MIN = 60_000;
const T0 = Date.UTC(2015, 1, 26, 21, 40);
/** Rows at the given minutes after T0 with the given values. */
const series = (points: [minute: number, value: number][]) =>
  points.map(([m, value]) => ({ time: T0 + m * MIN, value }));
const minutesOf = (times: number[]) => times.map((t) => (t - T0) / MIN);

describe('inferIntervalMs', () => {
  it.each([
    { name: 'a regular series', points: [0, 5, 10, 15, 20], interval: 5 },
    { name: 'a series whose first step is a gap', points: [0, 30, 35, 40, 45, 50], interval: 5 },
    { name: 'a series with repeats', points: [0, 0, 0, 5, 5, 10, 15], interval: 5 },
    { name: 'a series that goes back', points: [0, 5, 10, 15, 5, 10, 20, 25], interval: 5 },
    { name: 'a series written backwards', points: [20, 15, 10, 5, 0], interval: 5 },
  ])('reads the typical step of $name', ({ points, interval }) => {
    expect(inferIntervalMs(series(points.map((m) => [m, 1])))).toBe(interval * MIN);
  });

  it('refuses a series with one distinct timestamp', () => {
    expect(() =>
      inferIntervalMs(
        series([
          [0, 1],
          [0, 2],
        ]),
      ),
    ).toThrow(/two distinct timestamps/);
  });
});

describe('gridOffset', () => {
  it('follows the offset most rows share, not the first row', () => {
    const times = [T0 + 2 * MIN, T0 + 5 * MIN, T0 + 10 * MIN, T0 + 15 * MIN];
    expect(gridOffset(times, 5 * MIN)).toBe(T0 % (5 * MIN));
  });
});

describe('alignToGrid', () => {
  it.each([
    {
      name: 'keeps a regular series as it is',
      points: [
        [0, 1],
        [5, 2],
        [10, 3],
      ],
      intervals: [
        [0, 1],
        [5, 2],
        [10, 3],
      ],
      intervalOfRow: [0, 1, 2],
      counts: {},
    },
    {
      name: 'merges a repeated timestamp into one interval holding the mean',
      points: [
        [0, 1],
        [5, 10],
        [5, 20],
        [10, 3],
      ],
      intervals: [
        [0, 1],
        [5, 15],
        [10, 3],
      ],
      intervalOfRow: [0, 1, 1, 2],
      counts: { repeated: 1, merged: 1 },
    },
    {
      name: 'sorts a row that went back into its place',
      points: [
        [0, 1],
        [10, 3],
        [5, 2],
        [15, 4],
      ],
      intervals: [
        [0, 1],
        [5, 2],
        [10, 3],
        [15, 4],
      ],
      intervalOfRow: [0, 2, 1, 3],
      counts: { outOfOrder: 1 },
    },
    {
      name: 'merges a repeated hour that went back (a clock set back) reading by reading',
      points: [
        [0, 1],
        [5, 2],
        [10, 3],
        [0, 5],
        [5, 6],
        [10, 7],
        [15, 8],
      ],
      intervals: [
        [0, 3],
        [5, 4],
        [10, 5],
        [15, 8],
      ],
      intervalOfRow: [0, 1, 2, 0, 1, 2, 3],
      counts: { outOfOrder: 2, repeated: 3, merged: 3 },
    },
    {
      name: 'leaves a gap out instead of filling it with zeros',
      points: [
        [0, 1],
        [5, 2],
        [25, 3],
        [30, 4],
      ],
      intervals: [
        [0, 1],
        [5, 2],
        [25, 3],
        [30, 4],
      ],
      intervalOfRow: [0, 1, 2, 3],
      counts: { gaps: 1, missingIntervals: 3 },
    },
    {
      name: 'moves a row a minute off the grid to the nearest interval',
      points: [
        [0, 1],
        [5, 2],
        [11, 3],
        [15, 4],
        [20, 5],
      ],
      intervals: [
        [0, 1],
        [5, 2],
        [10, 3],
        [15, 4],
        [20, 5],
      ],
      intervalOfRow: [0, 1, 2, 3, 4],
      counts: { offGrid: 1 },
    },
    {
      name: 'merges a row one minute after another (the step that used to stop the detector)',
      points: [
        [0, 1],
        [5, 2],
        [5, 4],
        [6, 9],
        [10, 5],
        [15, 6],
      ],
      intervals: [
        [0, 1],
        [5, 5],
        [10, 5],
        [15, 6],
      ],
      intervalOfRow: [0, 1, 1, 1, 2, 3],
      counts: { repeated: 1, offGrid: 1, merged: 2 },
    },
  ] as const)('$name', ({ points, intervals, intervalOfRow, counts }) => {
    const grid = alignToGrid(series(points.map(([m, v]) => [m, v])), 5 * MIN);
    expect(grid.intervals.map((i) => [(i.time - T0) / MIN, i.value])).toEqual(intervals);
    expect(grid.intervalOfRow).toEqual(intervalOfRow);
    expect(grid.counts).toEqual({
      outOfOrder: 0,
      repeated: 0,
      offGrid: 0,
      merged: 0,
      gaps: 0,
      missingIntervals: 0,
      ...counts,
    });
  });

  it('lets the earliest row answer for an interval, the first in the file on a tie', () => {
    const grid = alignToGrid(
      series([
        [5, 1],
        [0, 2],
        [0, 3],
        [10, 4],
      ]),
      5 * MIN,
    );
    expect(minutesOf(grid.intervals.map((i) => i.time))).toEqual([0, 5, 10]);
    expect(grid.leadRow).toEqual([1, 0, 3]);
  });
});

describe('flagsPerRow', () => {
  it('flags only the lead row of an alerting interval, so one opening is one alert', () => {
    const grid = alignToGrid(
      series([
        [0, 1],
        [5, 2],
        [5, 2],
        [10, 3],
        [0, 1],
      ]),
      5 * MIN,
    );
    expect(flagsPerRow(grid, [true, true, false])).toEqual([true, true, false, false, false]);
  });
});

describe('describeCleaning', () => {
  it('says nothing about a regular series', () => {
    expect(
      describeCleaning(
        alignToGrid(
          series([
            [0, 1],
            [5, 2],
          ]),
          5 * MIN,
        ).counts,
        5 * MIN,
      ),
    ).toBe('');
  });

  it('names what it did, with counts', () => {
    const counts = alignToGrid(
      series([
        [0, 1],
        [5, 2],
        [5, 4],
        [25, 3],
      ]),
      5 * MIN,
    ).counts;
    expect(describeCleaning(counts, 5 * MIN)).toBe(
      '1 repeated timestamp; 1 row sharing an interval with another (averaged into it); 1 gap leaving out ' +
        '3 intervals (unknown, not zero)',
    );
  });
});

describe('detectRowOpenings', () => {
  /** Three days of 5-minute counts with one spike; `mess` reshapes the rows. */
  const spiky = () =>
    Array.from({ length: 3 * 288 }, (_, i) => ({ time: T0 + i * 5 * MIN, value: i === 700 ? 400 : 20 + (i % 5) }));

  it('answers one flag per input row, in input order, for a messy series', () => {
    const rows = spiky();
    const spike = rows[700]!;
    const messy = [
      ...rows.slice(0, 300),
      ...rows.slice(350, 690),
      rows[100]!,
      { ...spike },
      spike,
      { time: spike.time + MIN, value: 400 },
      ...rows.slice(701),
    ];
    const { flags } = detectRowOpenings(messy);
    expect(flags).toHaveLength(messy.length);
    expect(flags.filter(Boolean)).toHaveLength(1);
    expect(flags[messy.indexOf(spike) - 1]).toBe(true);
  });

  it('alerts where the clean series alerts', () => {
    const rows = spiky();
    const reversed = [...rows].reverse();
    const flags = detectRowOpenings(reversed).flags.reverse();
    expect(flags).toEqual(detectRowOpenings(rows).flags);
    expect(flags[700]).toBe(true);
  });

  it('flags nothing when no interval can be told', () => {
    expect(
      detectRowOpenings(
        series([
          [0, 5],
          [0, 500],
        ]),
      ),
    ).toEqual({ flags: [false, false], grid: null });
    expect(detectRowOpenings([])).toEqual({ flags: [], grid: null });
  });
});
