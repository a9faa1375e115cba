// Queries of the statistics routes are defined by the contract (streams/src/contract/http-stats.schema.ts).
export {
  earlyWarningsQuerySchema as earlyWarningsQuery,
  overviewQuerySchema as overviewQuery,
  recentChangesQuerySchema as recentChangesQuery,
  trendQuerySchema as trendQuery,
  type TrendQuery,
} from '@envface/streams';
