import { z } from 'zod';
import * as shared from '../../shared/index.ts';

export type JsonSchema = Record<string, unknown>;

const REF = '#/components/schemas/';
/** Marks input-side references until it is known whether the input shape differs from the output one. */
const INPUT_MARK = '~input';
/** Ids of the schemas an operation uses directly (a query, a list of summaries…): inlined, never components. */
const ROOT = '__root';

/**
 * The zod schemas every operation uses, as JSON Schema 2020-12 (OpenAPI 3.1's dialect), from
 * zod's own converter. Shared schemas keep their export names and become `components.schemas`:
 * what the server answers (io "output", defaults filled in, unknown keys refused), and what a
 * client sends (io "input", defaults optional). When the two differ, the input one is `<Name>Input`.
 */
export class JsonSchemas {
  private readonly registry = z.registry<{ id: string }>();
  private readonly roots = new Map<z.ZodType, string>();
  private out: Record<string, JsonSchema> = {};
  private in: Record<string, JsonSchema> = {};
  private inputNames = new Map<string, string>();
  private readonly used: { output: string[]; input: string[] };

  constructor(uses: { output: z.ZodType[]; input: z.ZodType[]; inline: z.ZodType[] }) {
    const named = sharedNames();
    // Queries and path parameters become parameters, so they are never components.
    for (const s of uses.inline) this.addRoot(s);
    for (const s of [...uses.output, ...uses.input]) {
      if (!named.has(s)) this.addRoot(s);
    }
    for (const [schema, id] of named) if (!this.registry.has(schema)) this.registry.add(schema, { id });

    const convert = (io: 'input' | 'output', mark: string) => {
      // Shared schemas that only make sense one way (a transform read as output) come out as
      // `{}`; they are dropped below unless an operation reaches them.
      const { schemas } = z.toJSONSchema(this.registry, {
        target: 'draft-2020-12',
        io,
        unrepresentable: 'any',
        uri: (id) => `${REF}${id}${mark}`,
      });
      return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutIdentity(s as JsonSchema)]));
    };
    this.out = convert('output', '');
    this.in = convert('input', INPUT_MARK);
    this.used = {
      output: uses.output.map((s) => this.idOf(s)),
      input: [...uses.input, ...uses.inline].map((s) => this.idOf(s)),
    };
    this.nameInputs();
  }

  /** What an operation answers with: a reference to a component, or the schema itself. */
  output(schema: z.ZodType): JsonSchema {
    return this.resolve(this.out, this.idOf(schema), '');
  }

  /** What an operation takes (a body, a query, path parameters). */
  input(schema: z.ZodType): JsonSchema {
    return this.resolve(this.in, this.idOf(schema), INPUT_MARK);
  }

  /** The components the operations reach, and only those. */
  components(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    const visit = (side: Record<string, JsonSchema>, mark: string, id: string) => {
      if (id.startsWith(ROOT))
        throw new Error(
          'A schema used by an operation is also part of another schema: export it from shared/ so it has a name.',
        );
      const name = mark ? this.inputNames.get(id)! : id;
      if (out[name]) return;
      out[name] = this.rename(side[id]!, mark);
      for (const ref of refsIn(side[id]!, mark)) visit(side, mark, ref);
    };
    const from = (side: Record<string, JsonSchema>, mark: string, id: string) =>
      id.startsWith(ROOT) ? refsIn(side[id]!, mark).forEach((r) => visit(side, mark, r)) : visit(side, mark, id);
    for (const id of this.used.output) from(this.out, '', id);
    for (const id of this.used.input) from(this.in, INPUT_MARK, id);
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  private addRoot(schema: z.ZodType) {
    if (this.roots.has(schema)) return;
    const id = `${ROOT}${this.roots.size}`;
    this.roots.set(schema, id);
    this.registry.add(schema, { id });
  }

  private idOf(schema: z.ZodType): string {
    const id = this.registry.get(schema)?.id;
    if (!id) throw new Error('A schema an operation uses was not given to JsonSchemas.');
    return id;
  }

  /** A root is inlined; a shared schema is referenced. */
  private resolve(side: Record<string, JsonSchema>, id: string, mark: string): JsonSchema {
    if (!id.startsWith(ROOT)) return { $ref: `${REF}${mark ? (this.inputNames.get(id) ?? id) : id}` };
    return this.rename(side[id]!, mark);
  }

  /** Input references get their final names. */
  private rename(schema: JsonSchema, mark: string): JsonSchema {
    if (!mark) return schema;
    return mapRefs(schema, (ref) => `${REF}${this.inputNames.get(ref) ?? ref}`, mark);
  }

  /**
   * An input component keeps its name unless an output component has it too and reads
   * differently (or refers to one that does): then it is `<Name>Input`.
   */
  private nameInputs() {
    const inputs = reachable(this.in, this.used.input, INPUT_MARK);
    const outputs = reachable(this.out, this.used.output, '');
    const renamed = new Set<string>();
    for (const id of inputs) {
      if (outputs.has(id) && JSON.stringify(this.in[id]).replaceAll(INPUT_MARK, '') !== JSON.stringify(this.out[id]))
        renamed.add(id);
    }
    for (let grew = true; grew;) {
      grew = false;
      for (const id of inputs) {
        if (outputs.has(id) && !renamed.has(id) && refsIn(this.in[id]!, INPUT_MARK).some((r) => renamed.has(r))) {
          renamed.add(id);
          grew = true;
        }
      }
    }
    this.inputNames = new Map([...inputs].map((id) => [id, renamed.has(id) ? `${id}Input` : id]));
  }
}

/** The shared schemas these uses reach, directly or through others. */
function reachable(side: Record<string, JsonSchema>, ids: string[], mark: string): Set<string> {
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (!id.startsWith(ROOT)) {
      if (seen.has(id)) return;
      seen.add(id);
    }
    for (const ref of refsIn(side[id]!, mark)) walk(ref);
  };
  ids.forEach(walk);
  return seen;
}

/** Every zod schema shared/ exports under a PascalCase name, by that name. */
function sharedNames(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const [name, value] of Object.entries(shared)) {
    if (value instanceof z.ZodType && /^[A-Z]/.test(name) && !names.has(value)) names.set(value, name);
  }
  return names;
}

/** zod writes `$schema` and a fragment `$id` on each; inside one OpenAPI document neither belongs. */
function withoutIdentity(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function refsIn(schema: JsonSchema, mark: string): string[] {
  const found: string[] = [];
  mapRefs(schema, (id) => (found.push(id), ''), mark);
  return found;
}

/** Rewrites every `$ref` to a component; `to` gets the id without prefix or mark. */
function mapRefs(value: JsonSchema, to: (id: string) => string, mark: string): JsonSchema {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (k === '$ref' && typeof x === 'string' && x.startsWith(REF)) {
          const id = x.slice(REF.length);
          return [k, to(mark && id.endsWith(mark) ? id.slice(0, -mark.length) : id)];
        }
        return [k, walk(x)];
      }),
    );
  };
  return walk(value) as JsonSchema;
}
