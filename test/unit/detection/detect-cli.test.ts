import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function detect(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const run = spawnSync('npx', ['tsx', 'server/detection/detect-cli.ts', '--input', file], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('detect command', () => {
  it('prints one row per input row, in input order, for a series with repeats, a step back and a gap', () => {
    const start = Date.UTC(2015, 1, 26, 21, 40);
    const stamp = (minute: number) => new Date(start + minute * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const minutes = [0, 5, 10, 10, 5, 15, 16, 45, 50, 50, 55];
    const input = minutes.map((m, i) => `${stamp(m)},${10 + i}`);

    const { status, stdout, stderr } = detect('messy.csv', `timestamp,value\n${input.join('\n')}\n`);

    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,alert');
    expect(lines.slice(1)).toEqual(input.map((line) => `${line.split(',')[0]},0`));
    expect(stderr).toMatch(/note: .*out of time order.*gap/);
  }, 30_000);

  it('fails on an unreadable line with exit 1 and the line number on stderr, printing nothing', () => {
    const { status, stdout, stderr } = detect(
      'bad.csv',
      'timestamp,value\n2015-02-26 21:40:00,1\n2015-02-26 21:45:00,1;2\n',
    );
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.csv: line 3: cannot read "2015-02-26 21:45:00,1;2"/);
  }, 30_000);
});
