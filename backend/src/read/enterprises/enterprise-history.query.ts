// The query of GET /api/enterprises/{uscc}/events is defined by the contract (http-enterprises.schema.ts).
export { MAX_EVENT_PAGE, enterpriseEventsQuerySchema as enterpriseEventsQuery, type EnterpriseEventsQuery } from '@envface/streams';
