/**
 * How long a form has been open, for the server's "faster than a person" check (`elapsedMs`).
 * Starts at the first focus or opening and keeps running if the person wanders off and back.
 */
export class FormTimer {
  private startedAt: number | undefined;

  start(): void {
    this.startedAt ??= performance.now();
  }

  elapsedMs(): number {
    return this.startedAt === undefined ? 0 : Math.round(performance.now() - this.startedAt);
  }

  reset(): void {
    this.startedAt = undefined;
  }
}
