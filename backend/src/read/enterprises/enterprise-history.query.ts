import { z } from 'zod';
import { limitParam } from '../../platform/web/query-params';

export const MAX_EVENT_PAGE = 200;

/** Query of GET /api/enterprises/{uscc}/events: newest first, `before` is the previous page's nextBefore. */
export const enterpriseEventsQuery = z
  .object({
    limit: limitParam(MAX_EVENT_PAGE, 50),
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type EnterpriseEventsQuery = z.infer<typeof enterpriseEventsQuery>;
