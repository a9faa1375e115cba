// Shapes of the supervision routes (credit lists, inspection plans, credit notices): the types generated from
// the OpenAPI document (streams/src/contract/http-supervision.schema.ts); only the names are the app's.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

/** The list names, in the order the list page shows them. */
export const CREDIT_LISTS = ['red', 'black', 'incentive', 'exempt', 'priority', 'warning'] as const satisfies readonly Schemas['CreditList'][];
export type CreditList = Schemas['CreditList'];

/** GET /api/lists/{list}, GET /api/public/lists/{list} */
export type ListJson = Schemas['CreditListDay'];
export type ListEntryJson = Schemas['CreditListEntry'];

export type InspectionResult = NonNullable<Schemas['PublicDrawnEnterprise']['result']>;
/** One drawn enterprise as inspectors see it (with its two inspectors). */
export type DrawnJson = Schemas['DrawnEnterprise'];
export type StarLevelFrequencyJson = Schemas['StarLevelFrequency'];
/** GET /api/inspection-plans/{id} and the plan answered by create, cancel and results. */
export type PlanJson = Schemas['InspectionPlan'];
/** GET /api/public/inspection-plans/{id}: the published plan, no inspectors. */
export type PublicPlanJson = Schemas['PublicInspectionPlan'];
export type PlanListItemJson = Schemas['InspectionPlanListItem'];
export type PlanListJson = Schemas['InspectionPlanList'];

/** A credit notice (告知书); `text` is the stored text, shown verbatim everywhere. */
export type NoticeJson = Schemas['CreditNotice'];
export type NoticePageJson = Schemas['CreditNoticeList'];
