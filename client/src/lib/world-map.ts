import { geoEqualEarth, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { alpha2ToNumeric } from 'i18n-iso-countries';
import atlas from 'world-atlas/countries-110m.json';

/**
 * The world as an SVG, drawn once per page load: Natural Earth's 1:110m countries (world-atlas)
 * on an Equal Earth projection, which keeps areas true so no country looks bigger than it is.
 * Loaded only in the browser, after the page shows (OutageMap.svelte imports it lazily): the
 * outlines weigh more than the rest of the page's script.
 */
export const MAP_WIDTH = 960;

export interface WorldMap {
  width: number;
  height: number;
  /** The globe's outline, the sea. */
  sphere: string;
  countries: { id: string; d: string }[];
  /** The outline of the country with this ISO alpha-2 code, when the atlas draws it. */
  countryPath(code: string): string | undefined;
  /** Where a longitude and latitude fall on the map. */
  project(lon: number, lat: number): [number, number] | undefined;
}

let built: WorldMap | undefined;

export function worldMap(): WorldMap {
  if (built) return built;
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const shapes = feature(topology, topology.objects.countries).features;
  const sphere: GeoPermissibleObjects = { type: 'Sphere' };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, sphere);
  const path = geoPath(projection);
  const [[, top], [, bottom]] = path.bounds(sphere);
  // Rounded: the same numbers on every device, and a few bytes fewer per point.
  const round = (d: string | null) => (d ?? '').replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));
  const countries = shapes.map((f, i) => ({ id: String(f.id ?? `x${i}`), d: round(path(f)) }));
  const byId = new Map(countries.map((c) => [c.id, c.d]));
  built = {
    width: MAP_WIDTH,
    height: Math.ceil(bottom - top),
    sphere: round(path(sphere)),
    countries,
    countryPath: (code) => {
      const id = alpha2ToNumeric(code);
      return id ? byId.get(id) : undefined;
    },
    project: (lon, lat) => {
      const p = projection([lon, lat]);
      return p ? [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10] : undefined;
    },
  };
  return built;
}
