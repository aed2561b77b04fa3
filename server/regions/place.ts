/** A report's coarse location, as looked up at intake: a country, and a city where the data knows one. */
export interface Place {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  city?: { name: string; lat: number; lon: number };
}

/** A tenth of a degree (about 10 km): enough for a map bubble, too coarse to point at anyone. */
export const coarse = (degrees: number) => Math.round(degrees * 10) / 10;

const COUNTRY = /^[A-Z]{2}$/;
export const isCountryCode = (s: string) => COUNTRY.test(s);

/**
 * A city as one counter field name: its parts percent-encoded (dots and tildes too, which a
 * field name or our separator cannot hold) and joined by `~`, readable in the database.
 */
export function cityKey(country: string, city: NonNullable<Place['city']>): string {
  return [country, city.name, String(city.lat), String(city.lon)].map(fieldSafe).join('~');
}

export function parseCityKey(key: string): { country: string; name: string; lat: number; lon: number } | undefined {
  const parts = key.split('~');
  if (parts.length !== 4) return undefined;
  try {
    const [country, name, lat, lon] = parts.map((p) => decodeURIComponent(p)) as [string, string, string, string];
    const la = Number(lat);
    const lo = Number(lon);
    if (
      !isCountryCode(country) ||
      !name ||
      !Number.isFinite(la) ||
      !Number.isFinite(lo) ||
      Math.abs(la) > 90 ||
      Math.abs(lo) > 180
    )
      return undefined;
    return { country, name, lat: la, lon: lo };
  } catch {
    return undefined;
  }
}

const fieldSafe = (s: string) =>
  encodeURIComponent(s).replace(/[.~!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
