// The query of GET /api/enterprises is defined by the contract (streams/src/contract/http-enterprises.schema.ts).
export {
  ENTERPRISE_SORT_KEYS as SORT_KEYS,
  MAX_ENTERPRISE_PAGE as MAX_PAGE_SIZE,
  enterpriseListQuerySchema as enterpriseListQuery,
  limitParam,
  listParam,
  type EnterpriseListQuery,
  type EnterpriseSortKey as SortKey,
  type SortOrder,
} from '@envface/streams';
