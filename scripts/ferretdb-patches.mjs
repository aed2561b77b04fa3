// Two fixes applied to FerretDB v1.24.2's source before setup.mjs builds it. Each edit must
// find its exact original text, or the build stops: a silently unpatched binary would be worse.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PATCHES = [
  {
    // The SQLite backend indexes _id on `_ferretdb_sjson->"_id"` but queries
    // `_ferretdb_sjson->'$._id'`, which SQLite does not match to the index: every lookup, update
    // and delete by _id scanned the table (121 ms per update at 50k documents, 4 ms patched).
    name: 'sqlite-id-index',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    before: `IDColumn = DefaultColumn + "->'$._id'"`,
    after: 'IDColumn = DefaultColumn + `->"_id"`',
  },
  {
    // `update` and `findAndModify` read a document, change it in Go and write it back, with no
    // transaction around the two (upstream issue #3040): concurrent $inc on one document lose
    // increments (measured: 381 of 1,200 kept from four concurrent writers). One lock makes
    // each such command atomic against the others, as MongoDB's single-document writes are.
    name: 'atomic-update',
    file: 'internal/handler/msg_update.go',
    before: 'func (h *Handler) MsgUpdate(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {\n',
    after:
      'func (h *Handler) MsgUpdate(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {\n' +
      '\tdocumentWrites.Lock()\n\tdefer documentWrites.Unlock()\n\n',
  },
  {
    name: 'atomic-update',
    file: 'internal/handler/msg_findandmodify.go',
    before: 'func (h *Handler) MsgFindAndModify(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {\n',
    after:
      'func (h *Handler) MsgFindAndModify(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {\n' +
      '\tdocumentWrites.Lock()\n\tdefer documentWrites.Unlock()\n\n',
  },
  {
    name: 'atomic-update',
    file: 'internal/handler/document_writes_lock.go',
    create:
      '// Added by Outage radar\'s setup (scripts/ferretdb-patches.mjs).\n\npackage handler\n\nimport "sync"\n\n' +
      '// documentWrites serializes read-modify-write commands so that each is atomic.\nvar documentWrites ' +
      'sync.Mutex\n',
  },
];

/** The label the built binary's folder carries, so a change of patches rebuilds it. */
export const PATCH_LABEL = [...new Set(PATCHES.map((p) => p.name))].join('+');

export function applyPatches(src) {
  for (const p of PATCHES) {
    const file = join(src, p.file);
    if (p.create) {
      writeFileSync(file, p.create);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (!text.includes(p.before))
      throw new Error(`FerretDB source changed (${p.name}): expected text not found in ${p.file}`);
    writeFileSync(file, text.replace(p.before, p.after));
  }
}
