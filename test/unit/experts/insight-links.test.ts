import { describe, expect, it } from 'vitest';
import { linksIn } from '../../../server/experts/insight-links.ts';

describe('linksIn', () => {
  it.each([
    ['see https://status.example.com/incidents/42 for more', ['https://status.example.com/incidents/42']],
    ['ends a sentence at https://a.example/x.', ['https://a.example/x']],
    ['(in brackets http://b.example/y)', ['http://b.example/y']],
    ['twice https://a.example and https://a.example/', ['https://a.example/']],
    ['javascript:alert(1) data:text/html,<b>x</b> ftp://c.example', []],
    ['<a href="https://d.example/z">quoted</a>', ['https://d.example/z']],
    ['HTTPS://E.EXAMPLE/Path', ['https://e.example/Path']],
    ['broken http://[::1 host', []],
    ['no links at all', []],
  ])('finds the http(s) links in %j', (body, links) => {
    expect(linksIn(body)).toEqual(links);
  });
});
