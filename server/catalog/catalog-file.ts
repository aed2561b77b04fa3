import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OfficialSource, Problem, ProbeList, Service, Slug, type ServiceInput } from '../../shared/index.ts';

/**
 * CATALOG_FILE: services an operator keeps in a file (JSON or YAML), merged over the built-in
 * seed by slug. An entry for a known slug overrides only the fields it names; an entry for a
 * new slug adds a service and must name `name`, `homepage` and `problems`. A file that does not
 * validate stops the start with every field error and the file's path: a half-read catalog
 * would silently drop probes people rely on.
 */

/** Every field but the slug is optional here; a new service's required ones are checked after the merge. */
export const CatalogEntry = z.strictObject({
  slug: Slug,
  name: z.string().min(1).max(80).optional(),
  homepage: z.url().optional(),
  category: z.string().max(40).optional(),
  aliases: Service.shape.aliases,
  problems: z.array(Problem).min(1).optional(),
  probes: ProbeList.optional(),
  /** null removes the seed's official page. */
  official: OfficialSource.nullable().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CatalogFile = z.strictObject({
  services: z.array(CatalogEntry).superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.slug))
        ctx.addIssue({ code: 'custom', message: `slug "${e.slug}" appears twice`, path: [i, 'slug'] });
      seen.add(e.slug);
    });
  }),
});
export type CatalogFile = z.infer<typeof CatalogFile>;

export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The catalog file ${file} (CATALOG_FILE) is not valid; nothing was ` +
        `started:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'CatalogFileError';
  }
}

const issueLines = (issues: z.core.$ZodIssue[], prefix: (string | number)[] = []) =>
  issues.map((i) => `${[...prefix, ...i.path].map(String).join('.') || '(file)'}: ${i.message}`);

/** Reads and validates the file; throws CatalogFileError with every problem found. */
export function readCatalogFile(file: string): CatalogFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogFileError(file, [
      `(file): cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    ]);
  }
  let raw: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse gives better messages for a .json file.
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new CatalogFileError(file, [
      `(file): not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    ]);
  }
  const parsed = CatalogFile.safeParse(raw);
  if (!parsed.success) throw new CatalogFileError(file, issueLines(parsed.error.issues));
  return parsed.data;
}

export interface MergedCatalog {
  services: Service[];
  /** Per slug, the fields the file names: they are written at every start, over earlier edits. */
  fileFields: Map<string, Set<keyof Service>>;
}

/** Merges the file over the seed by slug and validates every resulting service. */
export function mergeCatalog(
  seed: ServiceInput[],
  file: CatalogFile | undefined,
  fileName = 'catalog file',
): MergedCatalog {
  const bySlug = new Map<string, ServiceInput>(seed.map((s) => [s.slug, s]));
  const fileFields = new Map<string, Set<keyof Service>>();
  const fromFile = new Map<string, number>();
  (file?.services ?? []).forEach((entry, i) => {
    const base = bySlug.get(entry.slug);
    const merged: Record<string, unknown> = { ...(base ?? {}) };
    const named = new Set<keyof Service>();
    for (const [key, value] of Object.entries(entry) as [keyof CatalogEntry, unknown][]) {
      if (value === undefined || key === 'slug') continue;
      named.add(key);
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    merged.slug = entry.slug;
    bySlug.set(entry.slug, merged as ServiceInput);
    fileFields.set(entry.slug, named);
    fromFile.set(entry.slug, i);
  });

  const problems: string[] = [];
  const services: Service[] = [];
  for (const [slug, input] of bySlug) {
    const parsed = Service.safeParse(input);
    if (parsed.success) services.push(parsed.data);
    else if (fromFile.has(slug)) {
      const isNew = !seed.some((s) => s.slug === slug);
      problems.push(
        ...issueLines(parsed.error.issues, ['services', fromFile.get(slug)!]).map((line) =>
          isNew && /: Invalid input: expected \w+, received undefined$/.test(line)
            ? `${line.split(':')[0]}: required for a new service (slug "${slug}" is not built in)`
            : line,
        ),
      );
    } else
      throw new Error(`The built-in service "${slug}" is not valid: ${issueLines(parsed.error.issues).join('; ')}`);
  }
  if (problems.length > 0) throw new CatalogFileError(fileName, problems);
  return { services, fileFields };
}
