import { z } from 'zod';

// Imported first by main.ts: zod probes for `new Function` when it builds its first object
// schema, and our Content-Security-Policy (no 'unsafe-eval') reports that probe as a violation.
z.config({ jitless: true });
