import { describe, expect, it } from 'vitest';
import { assessVantage, type VantageSample } from '../../../server/probes/vantage.ts';

const NOW = Date.parse('2025-03-04T14:31:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const ok = (service: string, probeId = 'web', ago = 10): VantageSample => ({ service, probeId, ok: true, at: at(ago) });
const bad = (service: string, code: string, probeId = 'web', ago = 10): VantageSample => ({
  service,
  probeId,
  ok: false,
  error: { code },
  at: at(ago),
});

describe('assessVantage', () => {
  const cases: { name: string; samples: VantageSample[]; down: boolean; reason: RegExp }[] = [
    {
      name: 'every unrelated service timing out at once means our own network is down',
      samples: [bad('github', 'timeout'), bad('slack', 'timeout'), bad('chatgpt', 'dns'), bad('zoom', 'timeout')],
      down: true,
      reason: new RegExp(
        '^Probes of 4 of 4 unrelated services all failed to connect \\(dns, timeout\\) at once; ' +
          'our own network is the likely cause\\.$',
      ),
    },
    {
      name: 'four of five services unreachable is enough (80%)',
      samples: [bad('a', 'refused'), bad('b', 'reset'), bad('c', 'timeout'), bad('d', 'timeout'), ok('e')],
      down: true,
      reason: /4 of 5/,
    },
    {
      name: 'three of five services unreachable is a bad day for them, not us',
      samples: [bad('a', 'timeout'), bad('b', 'timeout'), bad('c', 'timeout'), ok('d'), ok('e')],
      down: false,
      reason: /^3 of 5 probed services are unreachable/,
    },
    {
      name: 'a service answering HTTP 503 proves the network works',
      samples: [bad('a', 'http_status'), bad('b', 'http_status'), bad('c', 'http_status')],
      down: false,
      reason: /0 of 3/,
    },
    {
      name: 'a service with one probe still passing is reachable',
      samples: [bad('a', 'timeout'), bad('b', 'timeout'), bad('c', 'timeout', 'web'), ok('c', 'api')],
      down: false,
      reason: /2 of 3/,
    },
    {
      name: 'two services are too few to judge',
      samples: [bad('a', 'timeout'), bad('b', 'timeout')],
      down: false,
      reason: /^Only 2 services probed recently; at least 3 are needed/,
    },
    {
      name: 'stale failures from an hour ago do not count',
      samples: [
        bad('a', 'timeout', 'web', 3600),
        bad('b', 'timeout', 'web', 3600),
        bad('c', 'timeout'),
        ok('d'),
        ok('e'),
      ],
      down: false,
      reason: /1 of 3/,
    },
    {
      name: 'only the latest result of each probe counts',
      samples: [bad('a', 'timeout', 'web', 120), ok('a', 'web', 10), bad('b', 'timeout'), bad('c', 'timeout')],
      down: false,
      reason: /2 of 3/,
    },
  ];

  it.each(cases)('$name', ({ samples, down, reason }) => {
    const v = assessVantage(samples, { now: NOW });
    expect(v.vantageDown).toBe(down);
    expect(v.reason).toMatch(reason);
  });
});
