import { describe, expect, it } from 'vitest';
import { parseNabCsv, parseTimestamp } from '../../../server/detection/nab-csv.ts';

describe('reading a NAB csv', () => {
  it.each([
    {
      name: 'a bad number',
      text: 'timestamp,value\n2015-02-26 21:42:53,1\n2015-02-26 21:47:53,lots\n',
      error: /^line 3: .*"lots" is not a number/,
    },
    {
      name: 'a hexadecimal number',
      text: 'timestamp,value\n2015-02-26 21:42:53,0x1f\n',
      error: /^line 2: .*"0x1f" is not a number/,
    },
    { name: 'an empty value', text: 'timestamp,value\n2015-02-26 21:42:53,\n', error: /^line 2: .*"" is not a number/ },
    {
      name: 'a bad timestamp',
      text: 'timestamp,value\n2015-02-26 21:42:53,1\nyesterday,2\n',
      error: /^line 3: .*"yesterday" is not a timestamp/,
    },
    {
      name: 'a day that does not exist',
      text: 'timestamp,value\n2015-02-30 21:42:53,1\n',
      error: /^line 2: .*not a timestamp/,
    },
    {
      name: 'an hour that does not exist',
      text: 'timestamp,value\n2015-02-26 24:42:53,1\n',
      error: /^line 2: .*not a timestamp/,
    },
    { name: 'three columns', text: 'timestamp,value\n2015-02-26 21:42:53,1,7\n', error: /^line 2: .*found 3/ },
    { name: 'one column', text: 'timestamp,value\n2015-02-26 21:42:53\n', error: /^line 2: .*found 1/ },
    {
      name: 'a bad line after blank ones',
      text: 'timestamp,value\n\n2015-02-26 21:42:53,1\n\n\nx,2\n',
      error: /^line 6: /,
    },
    { name: 'a wrong header', text: 'time,count\n2015-02-26 21:42:53,1\n', error: /^line 1: expected a header/ },
  ])('rejects $name, naming the line', ({ text, error }) => {
    expect(() => parseNabCsv(text)).toThrow(error);
  });

  it('shortens a long unreadable line in the message', () => {
    expect(() => parseNabCsv(`timestamp,value\n${'x'.repeat(5000)}\n`)).toThrow(/^line 2: cannot read "x{77}\.\.\."/);
  });

  it.each([
    { name: 'without a header', text: '2015-02-26 21:42:53,57\n2015-02-26 21:47:53,43\n' },
    {
      name: 'with Windows line ends and a byte-order mark',
      text: '\uFEFFtimestamp,value\r\n2015-02-26 21:42:53,57\r\n2015-02-26 21:47:53,43\r\n',
    },
    {
      name: 'with a capitalised header and blank lines',
      text: 'Timestamp,Value\n\n2015-02-26 21:42:53,57\n\n2015-02-26 21:47:53,43',
    },
  ])('reads a file $name', ({ text }) => {
    expect(parseNabCsv(text).map((r) => [r.stamp, r.value])).toEqual([
      ['2015-02-26 21:42:53', 57],
      ['2015-02-26 21:47:53', 43],
    ]);
  });

  it('keeps rows in file order, repeats and all: cleaning is not its job', () => {
    const rows = parseNabCsv(
      'timestamp,value\n2015-02-26 21:47:53,2\n2015-02-26 21:42:53,1\n2015-02-26 21:42:53,-1.5e1\n',
    );
    expect(rows.map((r) => r.value)).toEqual([2, 1, -15]);
  });

  it('reads an empty file and a header alone as no rows', () => {
    expect(parseNabCsv('')).toEqual([]);
    expect(parseNabCsv('timestamp,value\n')).toEqual([]);
  });
});

describe('parseTimestamp', () => {
  it.each([
    { text: '2015-02-26 21:42:53', time: Date.UTC(2015, 1, 26, 21, 42, 53) },
    { text: '2015-02-26T21:42:53', time: Date.UTC(2015, 1, 26, 21, 42, 53) },
    { text: '2015-02-26T21:42:53.250Z', time: Date.UTC(2015, 1, 26, 21, 42, 53, 250) },
    { text: '2015-02-26 21:42', time: Date.UTC(2015, 1, 26, 21, 42) },
    { text: '2015-02-26', time: Date.UTC(2015, 1, 26) },
    { text: '2015-02-26T23:42:53+02:00', time: Date.UTC(2015, 1, 26, 21, 42, 53) },
    { text: '2015-02-26T19:42:53-0200', time: Date.UTC(2015, 1, 26, 21, 42, 53) },
    { text: '2016-02-29 00:00:00', time: Date.UTC(2016, 1, 29) },
  ])('reads $text as UTC unless it names a zone', ({ text, time }) => {
    expect(parseTimestamp(text)).toBe(time);
  });

  it.each(['2015-02-29 00:00:00', '2015-13-01 00:00:00', '2015-02-26 21:60:00', '26/02/2015 21:42', '1424986973', ''])(
    'does not read %j',
    (text) => {
      expect(parseTimestamp(text)).toBeNaN();
    },
  );
});
