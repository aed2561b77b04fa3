import { describe, expect, it } from 'vitest';
import request from 'supertest';
import type { SuggestionList } from '../../shared/index.ts';
import { as, manualClock, person, signedInOperator, worldForSuite } from '../helpers/world.ts';

describe('suggesting a service', () => {
  const clock = manualClock();
  const world = worldForSuite({ clock });

  const suggest = (who: Record<string, string>, body: Record<string, unknown>) =>
    request(world.url)
      .post('/api/suggestions')
      .set(who)
      .send({ elapsedMs: 3_000, ...body });

  it('stores a suggestion and counts the same name, however it is spelt, once per suggestion', async () => {
    const first = await suggest(person(1), { name: 'Hey Bank', homepage: 'https://heybank.example' }).expect(201);
    expect(first.body).toMatchObject({ name: 'Hey Bank', homepage: 'https://heybank.example', count: 1 });
    clock.advance(60_000);
    const again = await suggest(person(2), { name: '  hey-bank! ' }).expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, name: 'Hey Bank', count: 2 });
    expect(Date.parse(again.body.lastAt) - Date.parse(again.body.firstAt)).toBe(60_000);
  });

  it('answers bad input with field errors', async () => {
    const res = await suggest(person(3), { name: 'x', homepage: 'ftp://nope' }).expect(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['homepage', 'name']);
    expect(
      (await suggest(person(3), { name: 'Spam https://spam.example' }).expect(400)).body.error.fields.name,
    ).toEqual(["The name can't contain links"]);
    expect((await suggest(person(3), { name: 'Acme', surprise: 1 }).expect(400)).body.error.code).toBe(
      'invalid_request',
    );
    expect((await suggest(person(3), { name: '!!!' }).expect(400)).body.error.fields.name).toEqual([
      'The name needs letters or digits',
    ]);
  });

  it('refuses what a simple bot sends: the honeypot filled, or sent at once', async () => {
    expect(
      (await suggest(person(4), { name: 'Bot Bank', website: 'http://spam.example' }).expect(400)).body.error.code,
    ).toBe('looks_automated');
    expect((await suggest(person(4), { name: 'Bot Bank', elapsedMs: 100 }).expect(400)).body.error.code).toBe(
      'too_fast',
    );
  });

  it('limits suggestions per address, saying when to try again', async () => {
    const me = as('eager-suggester');
    for (let i = 0; i < 5; i++) await suggest(me, { name: `Service ${i}` }).expect(201);
    const res = await suggest(me, { name: 'One too many' }).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not held back.
    await suggest(as('someone-else'), { name: 'Another' }).expect(201);
  });

  it('lists suggestions for operators, most asked for first, and refuses anonymous readers', async () => {
    expect((await request(world.url).get('/api/admin/suggestions').expect(401)).body.error).toBeDefined();
    const ops = await signedInOperator(world.url);
    const list = (await ops.get('/api/admin/suggestions').expect(200)).body as SuggestionList;
    expect(list.suggestions[0]).toMatchObject({ name: 'Hey Bank', count: 2, homepage: 'https://heybank.example' });
    expect(list.suggestions.map((s) => s.name)).toContain('Service 4');
    expect(list.suggestions.map((s) => s.name)).not.toContain('One too many');
  });
});
