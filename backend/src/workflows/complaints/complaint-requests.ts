// Complaint bodies and queries are defined by the contract (http-public.schema.ts, http-workflows.schema.ts).
export {
  COMPLAINT_CATEGORIES,
  complaintIdSchema,
  complaintListQuerySchema,
  dismissComplaintSchema,
  newComplaintSchema,
  undoVerificationSchema,
  verifyComplaintSchema,
  type ComplaintListQuery,
  type DismissComplaintRequest,
  type NewComplaintRequest,
  type UndoVerificationRequest,
  type VerifyComplaintRequest,
} from '@envface/streams';
