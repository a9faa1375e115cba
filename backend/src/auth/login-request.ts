// The login body is defined by the contract (streams/src/contract/http-auth.schema.ts).
export { loginRequestSchema, type LoginRequest } from '@envface/streams';
