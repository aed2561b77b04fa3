import { openPlaceLookup } from '../../server/regions/place-lookup.ts';
import type { Place } from '../../server/regions/place.ts';

export interface LocatedPerson {
  headers: { 'X-Forwarded-For': string; 'User-Agent': string };
  place: Place & { city: NonNullable<Place['city']> };
}

/**
 * `count` people in one city of `country`, each on a public address of a /24 of their own, as
 * the GeoLite2 data the server ships places them: found by looking addresses up in that very
 * data (a fixed walk over the address space), never taken on trust. Tests stay right when the
 * data is updated and a range moves.
 */
export async function peopleIn(country: string, count: number, tag = country): Promise<LocatedPerson[]> {
  const lookup = await openPlaceLookup();
  const byCity = new Map<string, { address: string; place: LocatedPerson['place'] }[]>();
  for (let a = 1; a < 224; a++) {
    if (a === 10 || a === 127) continue;
    for (let b = 0; b < 256; b++) {
      for (const c of [1, 77, 154, 231]) {
        const address = `${a}.${b}.${c}.9`;
        const place = lookup(address);
        if (place?.country !== country || !place.city) continue;
        const key = place.city.name;
        const list = byCity.get(key) ?? [];
        list.push({ address, place: place as LocatedPerson['place'] });
        byCity.set(key, list);
        if (list.length === count) {
          return list.map((p, i) => ({
            headers: { 'X-Forwarded-For': p.address, 'User-Agent': `${tag}-${i}` },
            place: p.place,
          }));
        }
      }
    }
  }
  throw new Error(`the shipped GeoLite2 data has no city in ${country} with ${count} addresses on the walk`);
}
