import { z } from 'zod';

export const SuperviseBody = z.strictObject({ note: z.string().trim().min(1).max(2000) });
