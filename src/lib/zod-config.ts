import { config } from 'zod/mini';

// zod would probe `new Function` for its JIT and trip the Content-Security-Policy: validate without it. This module is
// imported first by each entry, before any schema is built. The setting lives in zod's core, shared by zod classic and
// zod/mini; importing it from zod/mini keeps zod classic out of the embed.
config({ jitless: true });
