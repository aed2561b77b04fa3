import { describe, expect, it } from 'vitest';
import { matchesEtag, pickEncoding } from '../../../server/http/encoded-body.ts';

describe('pickEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.0,gzip;q=0', 'identity'],
    ['*', 'gzip'],
    ['deflate', 'identity'],
    ['GZIP ; q=0.5', 'gzip'],
  ])('answers %j with %s', (accept, expected) => {
    expect(pickEncoding(accept)).toBe(expected);
  });
});

describe('matchesEtag', () => {
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
  ])('If-None-Match %j matches "abc": %s', (header, expected) => {
    expect(matchesEtag(header, '"abc"')).toBe(expected);
  });
});
