import { z } from 'zod';
import { CREDIT_LISTS } from '@envface/streams';

export const listNameSchema = z.enum(CREDIT_LISTS, { error: `list must be one of ${CREDIT_LISTS.join(' ')}` });
export const publicListNameSchema = z.enum(['red', 'black'], { error: 'only the red and black lists are published' });

export const listQuerySchema = z.strictObject({
  day: z.iso.date({ error: 'day must be a calendar date YYYY-MM-DD' }).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
