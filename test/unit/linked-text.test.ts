import { describe, expect, it } from 'vitest';
import { textParts } from '../../client/src/lib/linked-text.ts';

describe('textParts: an insight as runs of text and links', () => {
  it.each([
    ['no link at all', 'Nothing to link here.', [{ text: 'Nothing to link here.' }]],
    [
      'a link with a full stop after it',
      'See https://example.com/a?b=1.',
      [{ text: 'See ' }, { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' }, { text: '.' }],
    ],
    [
      'two links and a bracket',
      'Both (https://a.example) and http://b.example/x work',
      [
        { text: 'Both (' },
        { text: 'https://a.example', href: 'https://a.example/' },
        { text: ') and ' },
        { text: 'http://b.example/x', href: 'http://b.example/x' },
        { text: ' work' },
      ],
    ],
    ['javascript: stays text', 'javascript:alert(1) <b>bold</b>', [{ text: 'javascript:alert(1) <b>bold</b>' }]],
    ['a scheme with no host stays text', 'https://', [{ text: 'https://' }]],
  ])('%s', (_name, body, parts) => {
    expect(textParts(body)).toEqual(parts);
  });

  it('keeps every character of the body, in order', () => {
    const body = 'a https://x.example/ b https://y.example, c';
    expect(
      textParts(body)
        .map((p) => p.text)
        .join(''),
    ).toBe(body);
  });
});
