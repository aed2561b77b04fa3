import { describe, expect, it } from 'vitest';
import { httpLink } from '../../../server/status/official/http-link.ts';

describe('httpLink', () => {
  const cases: [raw: unknown, link: string | undefined][] = [
    ['https://status.example.com/incidents/abc', 'https://status.example.com/incidents/abc'],
    ['  http://status.example.com/x  ', 'http://status.example.com/x'],
    ['HTTPS://Status.Example.com', 'https://status.example.com/'],
    ['javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['\njavascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['file:///etc/passwd', undefined],
    ['mailto:ops@example.com', undefined],
    ['/incidents/abc', undefined],
    ['//evil.example/x', undefined],
    ['', undefined],
    [42, undefined],
    [undefined, undefined],
    [`https://example.com/${'a'.repeat(3_000)}`, undefined],
  ];
  it.each(cases)('reads %j as %j', (raw, link) => expect(httpLink(raw)).toBe(link));
});
