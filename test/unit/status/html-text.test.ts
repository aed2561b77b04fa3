import { describe, expect, it } from 'vitest';
import { firstParagraphText, plainText } from '../../../server/status/official/html-text.ts';

describe('plainText', () => {
  const cases: [html: string, text: string][] = [
    [
      'The cause is a <b>failed</b> failover &amp; we are rolling back.',
      'The cause is a failed failover & we are rolling back.',
    ],
    ['Mar 4, 14:40 UTC<br>Identified<BR/>- rolling back', 'Mar 4, 14:40 UTC\nIdentified\n- rolling back'],
    ['a&nbsp;&nbsp; b\t\tc', 'a b c'],
    ['&lt;script&gt; is text when escaped &#233;&#x41;', '<script> is text when escaped éA'],
    ['<script>alert(1)</script><style>p{}</style>Visible', 'Visible'],
    ['unclosed <a href="x', 'unclosed'],
    ['<a<a<a<a', ''],
    ['&&&&', '&&&&'],
  ];
  it.each(cases)('reads %j as %j', (html, text) => expect(plainText(html)).toBe(text));

  it('cuts a long update to 4,000 characters, marking the cut', () => {
    const text = plainText(`<p>${'word '.repeat(10_000)}</p>`);
    expect(text.length).toBe(4_000);
    expect(text.endsWith('word…')).toBe(true);
  });

  it('stops reading where nesting gets absurd, keeping the text before it', () => {
    expect(plainText(`Before ${'<b>'.repeat(1_000)}after`)).toBe('Before');
  });
});

describe('firstParagraphText', () => {
  it('reads only up to the end of the first paragraph', () => {
    expect(firstParagraphText('<p><strong>Identified</strong> - rolling back.</p><p>Investigating - errors.</p>')).toBe(
      'Identified - rolling back.',
    );
  });

  it('reads everything when there are no paragraphs', () => {
    expect(firstParagraphText('Investigating - errors.')).toBe('Investigating - errors.');
  });
});
