import type { StatusLevel } from '../../shared/index.ts';
import { levelLabel } from '../../shared/constants.ts';
import { clip, escapeHtml } from './html-text.ts';
import { SITE_NAME } from './page-meta.ts';

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

/** The banner's colours on the page, strong enough to read at thumbnail size. */
const levelColour: Record<StatusLevel, string> = {
  operational: '#10b981',
  degraded_performance: '#f59e0b',
  partial_outage: '#f97316',
  major_outage: '#ef4444',
  under_maintenance: '#60a5fa',
};

export interface PreviewFacts {
  name: string;
  level: StatusLevel;
  lastHour: number;
  last24h: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The social preview of a service as SVG: its name, the verdict in its colour, the report counts.
 * Text is sized from its length (Inter's bold runs about 0.52 em a character), as nothing here
 * measures glyphs.
 */
export function previewSvg(f: PreviewFacts): string {
  const question = `Is ${clip(f.name, 40)} down?`;
  const size = Math.min(92, Math.floor((PREVIEW_WIDTH - 160) / (question.length * 0.52)));
  const colour = levelColour[f.level];
  const verdict = levelLabel[f.level];
  const reports = `${count(f.lastHour)} report${f.lastHour === 1 ? '' : 's'} in the last hour`;
  const pill = Math.round(verdict.length * 0.6 * 44 + 110);
  const box = `width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" ${box}>
  <rect width="100%" height="100%" fill="#0f172a"/>
  <rect x="0" y="0" width="${PREVIEW_WIDTH}" height="14" fill="${colour}"/>
  <text x="80" y="110" font-family="Inter" font-weight="700" font-size="34" \
fill="#94a3b8">${escapeHtml(SITE_NAME)}</text>
  <text x="80" y="${Math.round(240 + size * 0.35)}" font-family="Inter" font-weight="700" font-size="${size}" \
fill="#ffffff">${escapeHtml(question)}</text>
  <rect x="80" y="340" rx="44" ry="44" width="${pill}" height="88" fill="${colour}" fill-opacity="0.18" \
stroke="${colour}" stroke-width="3"/>
  <circle cx="130" cy="384" r="16" fill="${colour}"/>
  <text x="164" y="400" font-family="Inter" font-weight="700" font-size="44" \
fill="${colour}">${escapeHtml(verdict)}</text>
  <text x="80" y="520" font-family="Inter" font-weight="400" font-size="40" fill="#e2e8f0">${escapeHtml(reports)}</text>
  <text x="80" y="572" font-family="Inter" font-weight="400" font-size="30" \
fill="#94a3b8">${escapeHtml(`${count(f.last24h)} in the last 24 hours · live user reports`)}</text>
</svg>`;
}
