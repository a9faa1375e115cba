// Account bodies and queries are defined by the contract (streams/src/contract/http-accounts.schema.ts).
export {
  MIN_PASSWORD_LENGTH,
  accountListQuerySchema,
  changePasswordSchema,
  jurisdictionSchema,
  type JurisdictionRequest,
  newAccountSchema,
  usernameSchema,
  type AccountListQuery,
  type ChangePasswordRequest,
  type NewAccountRequest,
} from '@envface/streams';
