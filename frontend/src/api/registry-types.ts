// Shapes of the registry routes (streams/src/contract/http-registry.schema.ts): the generated types, named.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

export type ImportReport = Schemas['ImportReport'];
export type ImportApplyResult = Schemas['ImportApplyResult'];
export type ImportRowError = Schemas['ImportRowError'];
export type RegistryField = Schemas['RegistryField'];
export type FieldChange = Schemas['RegistryFieldChange'];
export type HandRegistration = Schemas['HandRegistration'];
export type HandRegistrationList = Schemas['HandRegistrationList'];
export type HandRegistrationRequest = Schemas['HandRegistrationRequest'];
export type BatchEditRequest = Schemas['BatchEditRequest'];
export type BatchEditPreview = Schemas['BatchEditPreview'];
export type BatchEditResult = Schemas['BatchEditResult'];
