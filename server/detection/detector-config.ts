/**
 * The detector's few constants, each chosen for a stated reason rather than fitted to a
 * data set, and the thresholds derived from them for a given interval length.
 */

export interface DetectorSettings {
  /** Length of one interval (1 minute on the server, 5 minutes in NAB's tweet data). */
  intervalMs: number;
  /**
   * Window lengths tested, in minutes: a short burst (2), the "last 10 minutes" people talk
   * about, and an hour for a slow rise. Each becomes at least one interval.
   */
  windowsMinutes: number[];
  /**
   * About one false incident per this many days per series, spent twice over: as the
   * p-value budget of the count test, and as the "one day in N" size of the series'
   * ordinary bursts that an incident must exceed. Two weeks: rare enough that "problems
   * detected" means something; and with four weeks of history the burst bar is the third
   * largest day, so two real incidents in the record do not raise it.
   */
  falseAlarmDays: number;
  /**
   * A window needs at least this many reports: three reports at 4 a.m. are not an outage,
   * and below ten a single office or forum thread can make any quiet hour look like one.
   */
  minCount: number;
  /** …and at least this multiple of its baseline: "twice the usual" is what people call a spike. */
  minRatio: number;
  /** An open incident counts as still elevated while some window is above this ratio… */
  resolveRatio: number;
  /** …and significant at this lax level (hysteresis: easy to stay open, hard to open). */
  resolvePValue: number;
  /**
   * Calm this long resolves an incident: a service that flaps (down, up for ten minutes,
   * down again) stays one incident, and a recovery shows within the hour.
   */
  resolveAfterMinutes: number;
  /** History the seasonal profile learns from: four weeks, i.e. four of each weekday. */
  historyDays: number;
  /** Past prediction errors the overdispersion is fitted on: two weeks covers both weekday kinds. */
  dispersionDays: number;
  /** No incident opens before this much history: a baseline needs something to trail. */
  warmupMinutes: number;
  /** Baseline never drops below this many reports per hour. */
  floorPerHour: number;
  /**
   * Overdispersion assumed before there is history (Var = m + alpha·m²): 0.1 means the
   * rate itself wanders by about ±30%, usual for web traffic.
   */
  priorDispersion: number;
}

export const DEFAULT_SETTINGS: Omit<DetectorSettings, 'intervalMs'> = {
  windowsMinutes: [2, 10, 60],
  falseAlarmDays: 14,
  minCount: 10,
  minRatio: 2,
  resolveRatio: 1.5,
  resolvePValue: 0.01,
  resolveAfterMinutes: 30,
  historyDays: 28,
  dispersionDays: 14,
  warmupMinutes: 60,
  floorPerHour: 0.5,
  priorDispersion: 0.1,
};

export interface DetectorConfig extends DetectorSettings {
  /** Window lengths in intervals, distinct and ascending. */
  windowIntervals: number[];
  /** p-value at or below which a window opens an incident. */
  openPValue: number;
}

/**
 * Fills in defaults and derives the opening p-value as a Bonferroni-style budget: a window
 * of w intervals gives about (intervals per day)/w independent looks a day, so
 * p = 1 / (falseAlarmDays × Σ_w dayIntervals/w) spends one false alarm per
 * `falseAlarmDays` across all windows.
 */
export function detectorConfig(intervalMs: number, overrides: Partial<DetectorSettings> = {}): DetectorConfig {
  const settings: DetectorSettings = { ...DEFAULT_SETTINGS, ...overrides, intervalMs };
  const intervalMinutes = intervalMs / 60_000;
  const windowIntervals = [
    ...new Set(settings.windowsMinutes.map((m) => Math.max(1, Math.round(m / intervalMinutes)))),
  ].sort((a, b) => a - b);
  const dayIntervals = 86_400_000 / intervalMs;
  const looksPerDay = windowIntervals.reduce((sum, w) => sum + dayIntervals / w, 0);
  return { ...settings, windowIntervals, openPValue: 1 / (settings.falseAlarmDays * looksPerDay) };
}
