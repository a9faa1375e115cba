// Appeal bodies and queries are defined by the contract (streams/src/contract/http-workflows.schema.ts).
export {
  acceptAppealSchema,
  appealIdSchema,
  appealListQuerySchema,
  newAppealSchema,
  rejectAppealSchema,
  type AcceptAppealRequest,
  type AppealListQuery,
  type NewAppealRequest,
  type RejectAppealRequest,
} from '@envface/streams';
