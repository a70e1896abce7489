import { z } from 'zod';

// zod would probe `new Function` for its JIT and trip the Content-Security-Policy: validate without it. This module is
// imported first by each entry, before any schema is built.
z.config({ jitless: true });
