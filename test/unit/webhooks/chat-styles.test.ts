import { describe, expect, it } from 'vitest';
import { discordBody, renderBody, slackBody } from '../../../server/webhooks/chat-styles.ts';
import { eventBody, eventId } from '../../../server/webhooks/event-body.ts';
import { OutboundEvents, type OutboundEvent } from '../../../server/notifications/outbound-events.ts';
import { WebhookEvent, type Incident } from '../../../shared/index.ts';

const at = '2030-01-01T12:00:00.000Z';
const incident: Incident = {
  id: '0123456789abcdef01234567',
  service: 'chatgpt',
  kind: 'unplanned',
  state: 'open',
  startedAt: at,
  openedAt: at,
  reasons: ['412 reports in the last 10 minutes, 9× the usual <for a Monday> & rising'],
  trigger: { windowMinutes: 10, observed: 412, expected: 45, ratio: 9.2, pValue: 1e-9 },
  peak: { windowMinutes: 10, observed: 412, expected: 45, ratio: 9.2, pValue: 1e-9, at },
  topProblems: [{ problem: 'login', label: 'Login', count: 300, share: 0.73 }],
  updates: [],
};

function captured(emit: (events: OutboundEvents) => void): OutboundEvent {
  const events = new OutboundEvents();
  let got: OutboundEvent | undefined;
  events.on((e) => (got = e));
  emit(events);
  return got!;
}

describe('webhook bodies', () => {
  const opened = eventBody(
    captured((e) => e.incident('incident.opened', incident, at)),
    { slug: 'chatgpt', name: 'ChatGPT' },
    'https://status.example.com',
    at,
  );
  const verdict = eventBody(
    captured((e) =>
      e.verdict(
        'chatgpt',
        { level: 'major_outage', confidence: 0.9, reasons: ['Probes fail with 503'], since: at },
        'operational',
      ),
    ),
    { slug: 'chatgpt', name: 'ChatGPT' },
    'https://status.example.com',
    at,
  );

  it('json: our own event, valid by its schema, with absolute links and a stable id', () => {
    expect(WebhookEvent.parse(opened)).toEqual(opened);
    expect(opened).toMatchObject({
      id: eventId(`incident.opened:${incident.id}:opened`),
      type: 'incident.opened',
      service: { slug: 'chatgpt', name: 'ChatGPT', url: 'https://status.example.com/status/chatgpt' },
      incident: { id: incident.id, url: `https://status.example.com/incidents/${incident.id}` },
    });
    expect(verdict.status).toEqual({
      level: 'major_outage',
      confidence: 0.9,
      reasons: ['Probes fail with 503'],
      since: at,
      previous: 'operational',
    });
    expect(JSON.parse(renderBody('json', verdict))).toEqual(verdict);
  });

  it('slack: text and blocks, with user text escaped for mrkdwn', () => {
    const body = slackBody(opened);
    expect(body.text).toBe(
      '🔴 ChatGPT: outage detected — 412 reports in the last 10 minutes, 9× the usual &lt;for a Monday&gt; &amp; rising',
    );
    expect(body.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          '*🔴 ChatGPT: outage detected*\n412 reports in the last 10 minutes, 9× the usual &lt;for a ' +
          'Monday&gt; &amp; rising',
      },
    });
    expect(body.blocks[1]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `<https://status.example.com/incidents/${incident.id}|Open in Outage radar>` },
      ],
    });
  });

  it('discord: content and an embed coloured by level, mentioning nobody', () => {
    const body = discordBody(verdict);
    expect(body).toEqual({
      content: '🔴 ChatGPT is now a major outage (was operational)',
      embeds: [
        {
          title: 'ChatGPT is now a major outage (was operational)',
          description: 'Probes fail with 503',
          url: 'https://status.example.com/status/chatgpt',
          color: 0xdc2626,
          timestamp: at,
          footer: { text: 'Outage radar' },
        },
      ],
      allowed_mentions: { parse: [] },
    });
    const resolved = eventBody(
      captured((e) => e.incident('incident.resolved', { ...incident, state: 'resolved', resolvedAt: at }, at)),
      { slug: 'chatgpt', name: 'ChatGPT' },
      'https://s.example',
      at,
    );
    expect(discordBody(resolved).embeds[0]!.color).toBe(0x16a34a);
  });
});
