import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { accountListQuerySchema, accountListSchema, accountSchema, changePasswordSchema, createdAccountSchema, jurisdictionSchema, newAccountSchema, passwordChangedSchema, usernameSchema } from './http-accounts.schema';
import { loginRequestSchema, loginResponseSchema } from './http-auth.schema';
import { dayParamSchema, emptyQuerySchema, errorBodySchema, usccParamSchema } from './http-common.schema';
import { deadLetterIdSchema, deadLetterListQuerySchema, deadLetterPageSchema, deadLetterSchema, deadLetterSummarySchema, redriveResultSchema } from './http-dead-letters.schema';
import {
  enterpriseDetailSchema,
  enterpriseEventsQuerySchema,
  enterpriseEventsResponseSchema,
  enterpriseListQuerySchema,
  enterpriseListResponseSchema,
} from './http-enterprises.schema';
import { healthDownSchema, healthReportSchema } from './http-health.schema';
import { ingestBodySchema, ingestResultSchema } from './http-ingest.schema';
import { ratingModelSchema } from './http-model.schema';
import { portalEventsSchema, portalLimitQuerySchema, portalOverviewSchema, portalRevisionsSchema } from './http-portal.schema';
import {
  complaintChallengeSchema,
  complaintReceiptSchema,
  complaintFollowSchema,
  followComplaintSchema,
  newComplaintFormSchema,
  newComplaintSchema,
  publicViewSchema,
  regionSignsQuerySchema,
  regionSignsResponseSchema,
  signSchema,
  tokenRotationSchema,
} from './http-public.schema';
import { ratingDayDetailSchema, ratingRevisionsResponseSchema, ratingsRangeQuerySchema, ratingsRangeResponseSchema } from './http-ratings.schema';
import {
  earlyWarningsQuerySchema,
  earlyWarningsResponseSchema,
  overviewQuerySchema,
  overviewStatsSchema,
  recentChangesQuerySchema,
  recentChangesResponseSchema,
  trendQuerySchema,
  trendStatsSchema,
} from './http-stats.schema';
import { auditExportQuerySchema, auditListQuerySchema, auditPageSchema } from './http-audit.schema';
import {
  appealExportQuerySchema,
  effectsExportQuerySchema,
  complaintExportQuerySchema,
  noticeExportQuerySchema,
  planDrawsExportQuerySchema,
  planExportQuerySchema, deadLetterExportQuerySchema, earlyWarningsExportQuerySchema, enterpriseExportQuerySchema, listExportQuerySchema, ratingsExportQuerySchema, XLSX_MIME } from './http-exports.schema';
import {
  batchEditIdSchema,
  batchEditPreviewSchema,
  batchEditRequestSchema,
  batchEditResultSchema,
  handRegistrationListQuerySchema,
  handRegistrationListSchema,
  handRegistrationRequestSchema,
  handRegistrationSchema,
  importApplyResultSchema,
  importIdSchema,
  importReportSchema,
  importUploadFormSchema,
  templateQuerySchema,
} from './http-registry.schema';
import { peerComparisonSchema, quarterlyComplianceSchema, quartersExportQuerySchema, regionMapQuerySchema, regionMapSchema } from './http-comparison.schema';
import { createdServiceKeySchema, newServiceKeySchema, serviceKeyIdSchema, serviceKeyListSchema } from './http-service-keys.schema';
import {
  cancelPlanSchema,
  creditListSchema,
  listNameSchema,
  listQuerySchema,
  newPlanSchema,
  noticeIdSchema,
  noticeListQuerySchema,
  noticePageSchema,
  noticeSchema,
  planIdSchema,
  planListQuerySchema,
  planListSchema,
  inspectionPlanSchema,
  portalNoticeListQuerySchema,
  publicListNameSchema,
  publicInspectionPlanSchema,
  recordResultSchema,
} from './http-supervision.schema';
import {
  acceptAppealSchema,
  appealListQuerySchema,
  appealEvidenceFormSchema,
  appealEvidenceSchema,
  appealPageSchema,
  appealSchema,
  complaintAlertsSchema,
  complaintListQuerySchema,
  complaintPageSchema,
  complaintSchema,
  dismissComplaintSchema,
  newAppealSchema,
  rejectAppealSchema,
  undoVerificationSchema,
  verifyComplaintSchema,
} from './http-workflows.schema';
import { deadLetterMessageSchema } from './dead-letter-message.schema';
import { subscriptionAckSchema, subscriptionRequestSchema } from './live-messages.schema';
import { ratingChangeMessageSchema, ratingsBurstSchema } from './rating-message.schema';

/**
 * The OpenAPI document of the HTTP API, generated from the contract's zod schemas: every route with
 * its method, path, parameters, body, answers and who may call it. The backend serves it at
 * /api/docs-json; `npm run generate:api-types` turns it into the web app's types. Building it needs
 * no server, so both stay in step with the schemas by construction.
 */

type Who = 'anyone' | 'staff' | 'admin' | 'enterprise' | 'signed_in' | 'admin_or_inspector_or_enterprise';

const WHO_TEXT: Record<Who, string> = {
  anyone: 'Anyone (no token).',
  staff: 'Inspectors and admins (bearer token).',
  admin: 'Admins only (bearer token).',
  enterprise: 'Enterprise accounts only (bearer token); the enterprise is the token\u2019s own.',
  signed_in: 'Any signed-in account (bearer token).',
  admin_or_inspector_or_enterprise: 'Inspectors, admins and enterprise accounts (an enterprise sees only its own).',
};

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorBodySchema, description);

interface RouteSpec {
  method: RouteConfig['method'];
  path: string;
  tag: string;
  summary: string;
  who: Who;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer: status and JSON schema, or a non-JSON content type. */
  ok: { status: number; schema?: z.ZodType; contentType?: string; description: string };
  /** Error answers besides 401/403 (added from `who`). */
  errors?: Record<number, string>;
  extra?: Partial<RouteConfig>;
}

const uscc = z.object({ uscc: usccParamSchema });
const usccDay = z.object({ uscc: usccParamSchema, day: dayParamSchema });
const idParam = (what: string) => z.object({ id: z.string().meta({ description: `${what} id` }) });

/** The .csv and .xlsx routes of one export. */
function exportRoutes(base: string, tag: string, summary: string, query: z.ZodObject, params: z.ZodObject | undefined, bad: string, errors: Record<number, string> = {}): RouteSpec[] {
  return [
    { method: 'get', path: `${base}.csv`, tag, summary: `${summary} (CSV)`, who: 'staff', params, query, ok: { status: 200, contentType: 'text/csv', description: 'UTF-8 with BOM, header row in the chosen language, CRLF lines' }, errors: { 400: bad, ...errors } },
    { method: 'get', path: `${base}.xlsx`, tag, summary: `${summary} (Excel)`, who: 'staff', params, query, ok: { status: 200, contentType: XLSX_MIME, description: 'one sheet, frozen header row in the chosen language' }, errors: { 400: bad, ...errors } },
  ];
}

const ROUTES: RouteSpec[] = [
  // ---- contract (api.md) ----
  {
    method: 'get', path: '/api/health', tag: 'operations', summary: 'Health of the database and Kafka', who: 'anyone',
    ok: { status: 200, schema: healthReportSchema, description: 'everything is up' },
    extra: { responses: { 503: json(healthDownSchema, 'the database or Kafka is down (named in the error message)') } },
  },
  {
    method: 'post', path: '/api/auth/login', tag: 'auth', summary: 'Sign in', who: 'anyone', body: loginRequestSchema,
    ok: { status: 200, schema: loginResponseSchema, description: 'a token' },
    errors: { 400: 'invalid input', 401: 'wrong username or password', 429: 'too many attempts (per client, per name with growing waits, or too many logins at once)' },
  },
  {
    method: 'post', path: '/api/auth/logout', tag: 'auth', summary: 'End this session on the server', who: 'signed_in',
    ok: { status: 204, description: 'this token is refused from now on' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/ratings', tag: 'ratings', summary: 'Daily ratings of an enterprise (at most 400 days)', who: 'staff',
    params: uscc, query: ratingsRangeQuerySchema,
    ok: { status: 200, schema: ratingsRangeResponseSchema, description: 'the latest revision of each day the enterprise existed' },
    errors: { 400: 'invalid USCC, date or range', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/ratings/{day}', tag: 'ratings', summary: 'One day\u2019s rating with criteria, bonus and explanation', who: 'staff',
    params: usccDay,
    ok: { status: 200, schema: ratingDayDetailSchema, description: 'the day\u2019s latest revision' },
    errors: { 400: 'invalid USCC or day', 404: 'unknown enterprise or no rating that day' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/qr.svg', tag: 'public', summary: 'QR code of the public page (SVG)', who: 'staff', params: uscc,
    ok: { status: 200, contentType: 'image/svg+xml', description: 'encodes PUBLIC_BASE_URL/q/{token}' },
    errors: { 400: 'invalid USCC', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/qr.png', tag: 'public', summary: 'QR code of the public page (PNG)', who: 'staff', params: uscc,
    ok: { status: 200, contentType: 'image/png', description: 'encodes PUBLIC_BASE_URL/q/{token}' },
    errors: { 400: 'invalid USCC', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/public/{token}', tag: 'public', summary: 'The public view behind a QR code', who: 'anyone',
    params: z.object({ token: z.string().meta({ description: 'the public token of the QR code' }) }),
    ok: { status: 200, schema: publicViewSchema, description: 'exactly what anyone may see' },
    errors: { 404: 'unknown token', 429: 'too many requests' },
  },
  {
    method: 'get', path: '/q/{token}', tag: 'public', summary: 'The public page behind a QR code (the web app, its first state rendered by the server)', who: 'anyone',
    params: z.object({ token: z.string().meta({ description: 'the public token of the QR code' }) }),
    ok: {
      status: 200,
      contentType: 'text/html',
      description:
        'the web app with face, stars, score and name already in the HTML (readable without JavaScript), and the view of GET /api/public/{token} in <script type="application/json" id="q-initial-view"> for the app to take over; Cache-Control: private, no-cache',
    },
    errors: { 429: 'too many requests' },
    extra: { responses: { 404: { description: 'unknown token: the web app as on any other route (it shows its not-found page)', content: { 'text/html': { schema: z.string() } } } } },
  },
  // ---- explorer ----
  {
    method: 'get', path: '/api/enterprises', tag: 'enterprises', summary: 'Search and filter enterprises (keyset pages)', who: 'staff', query: enterpriseListQuerySchema,
    ok: { status: 200, schema: enterpriseListResponseSchema, description: 'one page; unrated enterprises sort below every score/stars/streak, unnamed ones below every name' },
    errors: { 400: 'unknown or invalid parameter, or a cursor of another sort/order' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}', tag: 'enterprises', summary: 'Master data, current rating, today\u2019s effects and early warnings', who: 'staff', params: uscc,
    ok: { status: 200, schema: enterpriseDetailSchema, description: 'the enterprise' },
    errors: { 400: 'invalid USCC', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/ratings/{day}/revisions', tag: 'enterprises', summary: 'Every stored revision of a day', who: 'staff', params: usccDay,
    ok: { status: 200, schema: ratingRevisionsResponseSchema, description: 'oldest first' },
    errors: { 400: 'invalid USCC or day', 404: 'unknown enterprise or no rating that day' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/events', tag: 'enterprises', summary: 'Accepted events of an enterprise, newest first', who: 'staff', params: uscc, query: enterpriseEventsQuerySchema,
    ok: { status: 200, schema: enterpriseEventsResponseSchema, description: 'one page' },
    errors: { 400: 'invalid USCC or parameter', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/sign', tag: 'public', summary: 'Everything one printed sign shows', who: 'staff', params: uscc,
    ok: { status: 200, schema: signSchema, description: 'the sign' },
    errors: { 400: 'invalid USCC', 404: 'unknown enterprise' },
  },
  {
    method: 'post', path: '/api/enterprises/{uscc}/public-token/rotate', tag: 'public', summary: 'New public token (old QR codes answer 404)', who: 'staff', params: uscc,
    ok: { status: 200, schema: tokenRotationSchema, description: 'the new public URL' },
    errors: { 400: 'invalid USCC', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/signs', tag: 'public', summary: 'Signs of every registered enterprise of a region (at most 500)', who: 'staff', query: regionSignsQuerySchema,
    ok: { status: 200, schema: regionSignsResponseSchema, description: 'the signs' },
    errors: { 400: 'invalid region' },
  },
  // ---- statistics ----
  {
    method: 'get', path: '/api/stats/overview', tag: 'statistics', summary: 'Current ratings of all enterprises, today\u2019s star changes, events per minute', who: 'staff', query: overviewQuerySchema,
    ok: { status: 200, schema: overviewStatsSchema, description: 'the overview' }, errors: { 400: 'unknown parameter' },
  },
  {
    method: 'get', path: '/api/stats/trend', tag: 'statistics', summary: 'Enterprises per star level per day', who: 'staff', query: trendQuerySchema,
    ok: { status: 200, schema: trendStatsSchema, description: 'one entry per day' }, errors: { 400: 'invalid date or range' },
  },
  {
    method: 'get', path: '/api/stats/recent-changes', tag: 'statistics', summary: 'The latest rating revisions, newest first', who: 'staff', query: recentChangesQuerySchema,
    ok: { status: 200, schema: recentChangesResponseSchema, description: 'the changes' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/stats/early-warnings', tag: 'statistics', summary: 'Enterprises with an early warning today, most severe first', who: 'staff', query: earlyWarningsQuerySchema,
    ok: { status: 200, schema: earlyWarningsResponseSchema, description: 'the warnings' }, errors: { 400: 'invalid parameter' },
  },
  // ---- region map, peers, quarters (issue #13 §3–4) ----
  {
    method: 'get', path: '/api/stats/map', tag: 'statistics', summary: 'Rated enterprises per county and star level, and enterprise points with lat/lon', who: 'staff', query: regionMapQuerySchema,
    ok: { status: 200, schema: regionMapSchema, description: 'regions and points' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/peers', tag: 'enterprises', summary: 'Percentile among the same industry class in the city and among the county, today and the last 90 days', who: 'staff', params: uscc, query: emptyQuerySchema,
    ok: { status: 200, schema: peerComparisonSchema, description: 'the peer groups' }, errors: { 400: 'invalid USCC or parameter', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/enterprises/{uscc}/quarters', tag: 'enterprises', summary: 'Quarterly compliance: the current quarter and the 12 before it', who: 'staff', params: uscc, query: emptyQuerySchema,
    ok: { status: 200, schema: quarterlyComplianceSchema, description: 'the quarters, newest first' }, errors: { 400: 'invalid USCC or parameter', 404: 'unknown enterprise' },
  },
  {
    method: 'get', path: '/api/model', tag: 'model', summary: 'The rule book\u2019s numbers: star thresholds, criterion weights, indicators, version', who: 'anyone',
    ok: { status: 200, schema: ratingModelSchema, description: 'the model the server rates with' },
  },
  // ---- operations ----
  {
    method: 'get', path: '/api/dead-letters', tag: 'operations', summary: 'Rejected inputs, newest first', who: 'staff', query: deadLetterListQuerySchema,
    ok: { status: 200, schema: deadLetterPageSchema, description: 'one page (values cut to 4096 characters)' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/dead-letters/summary', tag: 'operations', summary: 'Dead letters by reason', who: 'staff', query: emptyQuerySchema,
    ok: { status: 200, schema: deadLetterSummarySchema, description: 'every reason listed, 0 when none' }, errors: { 400: 'unknown parameter' },
  },
  {
    method: 'get', path: '/api/dead-letters/{id}', tag: 'operations', summary: 'One dead letter with its full value', who: 'staff',
    params: z.object({ id: deadLetterIdSchema }),
    ok: { status: 200, schema: deadLetterSchema, description: 'the dead letter' }, errors: { 400: 'invalid id', 404: 'unknown id' },
  },
  {
    method: 'post', path: '/api/dead-letters/{id}/redrive', tag: 'operations', summary: 'Send a dead letter through the pipeline again (after a fix); recorded with who did it', who: 'staff',
    params: z.object({ id: deadLetterIdSchema }),
    ok: { status: 200, schema: redriveResultSchema, description: 'what became of it (a second rejection is an answer, not an error; it writes no second letter)' },
    errors: { 400: 'invalid id', 404: 'unknown id', 409: 'the message names no input topic or event type' },
  },
  {
    method: 'post', path: '/api/ingest/{kind}', tag: 'ingest', summary: 'Ingest one event without Kafka (same JSON and validation as a Kafka message)', who: 'staff',
    params: z.object({ kind: z.enum(['monitoring', 'permit', 'enforcement', 'registry']) }), body: ingestBodySchema,
    ok: { status: 202, schema: ingestResultSchema, description: 'processed' },
    errors: { 400: 'rejected (the dead-letter reason is the error code)', 404: 'unknown kind', 409: 'this deployment ingests through Kafka', 413: 'too large' },
  },
  {
    method: 'post', path: '/api/public/complaints/follow', tag: 'public', who: 'anyone', body: followComplaintSchema,
    summary: 'Follow a report with its reference and the secret code shown once (rate-limited)',
    ok: { status: 200, schema: complaintFollowSchema, description: 'received, verified, or dismissed with the reason' },
    errors: { 400: 'invalid input', 404: 'unknown reference or wrong code (the same answer)', 429: 'too many attempts' },
  },
  // ---- complaints (码上监督) ----
  {
    method: 'post', path: '/api/public/{token}/complaints', tag: 'public', summary: 'Report a problem about the enterprise behind a QR code', who: 'anyone',
    params: z.object({ token: z.string() }),
    ok: { status: 201, schema: complaintReceiptSchema, description: 'received' },
    errors: { 400: 'invalid input or photo, or a missing, wrong, expired or spent challenge while one is required', 404: 'unknown token', 413: 'photo too large', 429: 'too many reports from this client' },
    extra: {
      request: {
        body: {
          content: {
            'application/json': { schema: newComplaintSchema },
            'multipart/form-data': { schema: newComplaintFormSchema },
          },
        },
      },
    },
  },
  {
    method: 'get', path: '/api/public/{token}/complaints/challenge', tag: 'public', summary: 'Whether a report needs a proof-of-work challenge now (many reports about this enterprise), and one to solve', who: 'anyone',
    params: z.object({ token: z.string() }),
    ok: { status: 200, schema: complaintChallengeSchema, description: 'a challenge (always), and whether it is required' },
    errors: { 404: 'unknown token', 429: 'too many requests' },
  },
  {
    method: 'get', path: '/api/complaint-alerts', tag: 'complaints', summary: 'Enterprises receiving many reports right now (possible flood): their reports are flagged', who: 'staff',
    ok: { status: 200, schema: complaintAlertsSchema, description: 'inside the caller\u2019s jurisdiction' },
  },
  {
    method: 'get', path: '/api/complaints', tag: 'complaints', summary: 'The complaint queue', who: 'staff', query: complaintListQuerySchema,
    ok: { status: 200, schema: complaintPageSchema, description: 'one page' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/complaints/{id}', tag: 'complaints', summary: 'One complaint', who: 'staff', params: idParam('complaint'),
    ok: { status: 200, schema: complaintSchema, description: 'the complaint' }, errors: { 400: 'invalid id', 404: 'unknown complaint' },
  },
  {
    method: 'get', path: '/api/complaints/{id}/photo', tag: 'complaints', summary: 'The complaint\u2019s photo', who: 'staff', params: idParam('complaint'),
    ok: { status: 200, contentType: 'image/*', description: 'JPEG, PNG or WebP' }, errors: { 400: 'invalid id', 404: 'unknown complaint or no photo' },
  },
  {
    method: 'post', path: '/api/complaints/{id}/verify', tag: 'complaints', summary: 'Verify a complaint (adds an S1 effect)', who: 'staff', params: idParam('complaint'), body: verifyComplaintSchema,
    ok: { status: 200, schema: complaintSchema, description: 'the decided complaint' }, errors: { 400: 'invalid input', 404: 'unknown complaint', 409: 'already decided' },
  },
  {
    method: 'post', path: '/api/complaints/{id}/undo-verification', tag: 'complaints', who: 'staff', params: idParam('complaint'), body: undoVerificationSchema,
    summary: 'Take back a verification within 10 minutes: voids its complaint_verified event and puts the complaint back in the queue',
    ok: { status: 200, schema: complaintSchema, description: 'the complaint, pending again' },
    errors: { 400: 'invalid input', 404: 'unknown complaint', 409: 'not verified (not_verified), or the 10 minutes have passed (undo_window_closed)' },
  },
  {
    method: 'post', path: '/api/complaints/{id}/dismiss', tag: 'complaints', summary: 'Dismiss a complaint', who: 'staff', params: idParam('complaint'), body: dismissComplaintSchema,
    ok: { status: 200, schema: complaintSchema, description: 'the decided complaint' }, errors: { 400: 'invalid input', 404: 'unknown complaint', 409: 'already decided' },
  },
  // ---- appeals (复核) ----
  {
    method: 'post', path: '/api/appeals', tag: 'appeals', summary: 'Appeal one of the enterprise\u2019s events', who: 'enterprise', body: newAppealSchema,
    ok: { status: 201, schema: appealSchema, description: 'the appeal' },
    errors: { 400: 'invalid input or event not appealable', 404: 'no such event of your enterprise', 409: 'already void or an appeal is pending' },
  },
  {
    method: 'get', path: '/api/appeals', tag: 'appeals', summary: 'Appeals (an enterprise sees its own)', who: 'admin_or_inspector_or_enterprise', query: appealListQuerySchema,
    ok: { status: 200, schema: appealPageSchema, description: 'one page' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/appeals/{id}', tag: 'appeals', summary: 'One appeal', who: 'admin_or_inspector_or_enterprise', params: idParam('appeal'),
    ok: { status: 200, schema: appealSchema, description: 'the appeal' }, errors: { 400: 'invalid id', 404: 'unknown appeal' },
  },
  {
    method: 'post', path: '/api/appeals/{id}/evidence', tag: 'appeals', who: 'enterprise', params: idParam('appeal'),
    summary: 'Attach evidence to a pending appeal of the own enterprise (multipart field `file`: PDF, JPEG, PNG or WebP, at most 5 MB, 5 files)',
    ok: { status: 201, schema: appealEvidenceSchema, description: 'stored (images re-encoded)' },
    errors: { 400: 'no file, or not a PDF or image', 404: 'unknown appeal (or another enterprise\u2019s)', 409: 'appeal already decided, or 5 files already', 413: 'file too large' },
    extra: { request: { body: { content: { 'multipart/form-data': { schema: appealEvidenceFormSchema } } } } },
  },
  {
    method: 'get', path: '/api/appeals/{id}/evidence/{evidenceId}', tag: 'appeals', who: 'admin_or_inspector_or_enterprise',
    summary: 'Download one evidence file (staff, or the appeal\u2019s own enterprise)',
    params: z.object({ id: z.string(), evidenceId: z.string() }),
    ok: { status: 200, contentType: 'application/octet-stream', description: 'the file, as an attachment' },
    errors: { 400: 'invalid id', 404: 'unknown appeal or file (or another enterprise\u2019s)' },
  },
  {
    method: 'post', path: '/api/appeals/{id}/accept', tag: 'appeals', summary: 'Accept an appeal (voids the event)', who: 'staff', params: idParam('appeal'), body: acceptAppealSchema,
    ok: { status: 200, schema: appealSchema, description: 'the decided appeal' }, errors: { 400: 'invalid input', 404: 'unknown appeal', 409: 'already decided' },
  },
  {
    method: 'post', path: '/api/appeals/{id}/reject', tag: 'appeals', summary: 'Reject an appeal', who: 'staff', params: idParam('appeal'), body: rejectAppealSchema,
    ok: { status: 200, schema: appealSchema, description: 'the decided appeal' }, errors: { 400: 'invalid input', 404: 'unknown appeal', 409: 'already decided' },
  },
  // ---- accounts ----
  {
    method: 'post', path: '/api/accounts', tag: 'accounts', summary: 'Create an account (admins: any role; inspectors: enterprise accounts)', who: 'staff', body: newAccountSchema,
    ok: { status: 201, schema: createdAccountSchema, description: 'the account (with the initial password when none was given, shown once)' },
    errors: { 400: 'invalid input or a weak password', 404: 'unknown enterprise', 409: 'username taken' },
  },
  {
    method: 'post', path: '/api/accounts/{username}/disable', tag: 'accounts', summary: 'Disable an account: its tokens are refused and its sockets closed within 1 s', who: 'admin',
    params: z.object({ username: usernameSchema }), ok: { status: 204, description: 'disabled' }, errors: { 400: 'invalid username', 404: 'unknown account', 409: 'an admin cannot disable itself' },
  },
  {
    method: 'post', path: '/api/accounts/{username}/enable', tag: 'accounts', summary: 'Enable an account again (old tokens stay refused)', who: 'admin',
    params: z.object({ username: usernameSchema }), ok: { status: 204, description: 'enabled' }, errors: { 400: 'invalid username', 404: 'unknown account' },
  },
  {
    method: 'post', path: '/api/accounts/{username}/password-reset', tag: 'accounts', summary: 'A one-time password, shown once; to be changed at next login', who: 'admin',
    params: z.object({ username: usernameSchema }), ok: { status: 200, schema: createdAccountSchema, description: 'the account with its one-time password' }, errors: { 400: 'invalid username', 404: 'unknown account' },
  },
  {
    method: 'post', path: '/api/accounts/{username}/jurisdiction', tag: 'accounts', summary: 'Set an inspector\u2019s jurisdiction (region-code prefixes; empty: everything); their sessions end within 1 s', who: 'admin',
    params: z.object({ username: usernameSchema }), body: jurisdictionSchema,
    ok: { status: 200, schema: accountSchema, description: 'the account' }, errors: { 400: 'invalid prefixes, or not an inspector', 404: 'unknown account' },
  },
  {
    method: 'get', path: '/api/accounts', tag: 'accounts', summary: 'Accounts', who: 'staff', query: accountListQuerySchema,
    ok: { status: 200, schema: accountListSchema, description: 'the accounts' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/accounts/me', tag: 'accounts', summary: 'Who am I, must I change my password', who: 'signed_in',
    ok: { status: 200, schema: accountSchema, description: 'the caller\u2019s account' },
  },
  {
    method: 'post', path: '/api/accounts/me/password', tag: 'accounts', summary: 'Change my password (every earlier token is refused from now on)', who: 'signed_in', body: changePasswordSchema,
    ok: { status: 200, schema: passwordChangedSchema, description: 'the caller\u2019s account and a fresh token' }, errors: { 400: 'invalid input, wrong current password or a weak new one', 429: 'too many attempts' },
  },
  // ---- enterprise portal ----
  {
    method: 'get', path: '/api/portal/enterprise', tag: 'portal', summary: 'The enterprise\u2019s own overview and how to regain stars', who: 'enterprise',
    ok: { status: 200, schema: portalOverviewSchema, description: 'the overview' },
  },
  {
    method: 'get', path: '/api/portal/ratings', tag: 'portal', summary: 'The enterprise\u2019s own daily ratings', who: 'enterprise', query: ratingsRangeQuerySchema,
    ok: { status: 200, schema: ratingsRangeResponseSchema, description: 'as GET /api/enterprises/{uscc}/ratings' }, errors: { 400: 'invalid date or range' },
  },
  {
    method: 'get', path: '/api/portal/ratings/{day}', tag: 'portal', summary: 'One day of the enterprise\u2019s own ratings', who: 'enterprise', params: z.object({ day: dayParamSchema }),
    ok: { status: 200, schema: ratingDayDetailSchema, description: 'as GET /api/enterprises/{uscc}/ratings/{day}' }, errors: { 400: 'invalid day', 404: 'no rating that day' },
  },
  {
    method: 'get', path: '/api/portal/events', tag: 'portal', summary: 'The enterprise\u2019s own events, newest first', who: 'enterprise', query: portalLimitQuerySchema,
    ok: { status: 200, schema: portalEventsSchema, description: 'the events' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/portal/revisions', tag: 'portal', summary: 'The enterprise\u2019s own rating revisions, newest first', who: 'enterprise', query: portalLimitQuerySchema,
    ok: { status: 200, schema: portalRevisionsSchema, description: 'the revisions' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/portal/peers', tag: 'portal', summary: 'The enterprise\u2019s own peer percentiles', who: 'enterprise', query: emptyQuerySchema,
    ok: { status: 200, schema: peerComparisonSchema, description: 'as GET /api/enterprises/{uscc}/peers' }, errors: { 400: 'unknown parameter' },
  },
  // ---- supervision (docs/supervision.md): credit lists ----
  {
    method: 'get', path: '/api/lists/{list}', tag: 'supervision', summary: 'Members of a credit list on a day', who: 'staff',
    params: z.object({ list: listNameSchema }), query: listQuerySchema,
    ok: { status: 200, schema: creditListSchema, description: 'the list, ordered by USCC' }, errors: { 400: 'unknown list, invalid or future day, or unknown parameter' },
  },
  {
    method: 'get', path: '/api/lists/{list}.csv', tag: 'supervision', summary: 'A credit list on a day as CSV', who: 'staff',
    params: z.object({ list: listNameSchema }), query: listExportQuerySchema,
    ok: { status: 200, contentType: 'text/csv', description: 'UTF-8 with BOM, header uscc,name,regionCode,since, CRLF lines' }, errors: { 400: 'unknown list, invalid or future day, or unknown parameter' },
  },
  {
    method: 'get', path: '/api/public/lists/{list}', tag: 'supervision', summary: 'Today\u2019s red or black list (公示)', who: 'anyone',
    params: z.object({ list: publicListNameSchema }),
    ok: { status: 200, schema: creditListSchema, description: 'today\u2019s list' }, errors: { 400: 'not a published list', 429: 'too many requests' },
  },
  // ---- supervision: inspection plans (双随机、一公开) ----
  {
    method: 'post', path: '/api/inspection-plans', tag: 'supervision', summary: 'Draw an inspection plan from the ratings of a day', who: 'staff', body: newPlanSchema,
    ok: { status: 201, schema: inspectionPlanSchema, description: 'the plan' },
    errors: { 400: 'invalid input, a future day, fewer than 2 or unknown inspectors (unknown_inspectors), or no enterprise in scope (empty_population)' },
  },
  {
    method: 'get', path: '/api/inspection-plans', tag: 'supervision', summary: 'Inspection plans, newest first', who: 'staff', query: planListQuerySchema,
    ok: { status: 200, schema: planListSchema, description: 'the plans' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/inspection-plans/{id}', tag: 'supervision', summary: 'One inspection plan with its inspectors and expected frequencies', who: 'staff',
    params: z.object({ id: planIdSchema }),
    ok: { status: 200, schema: inspectionPlanSchema, description: 'the plan' }, errors: { 400: 'invalid id', 404: 'unknown plan' },
  },
  {
    method: 'post', path: '/api/inspection-plans/{id}/cancel', tag: 'supervision', summary: 'Cancel a plan (with a reason; nothing else of a plan changes)', who: 'staff',
    params: z.object({ id: planIdSchema }), body: cancelPlanSchema,
    ok: { status: 200, schema: inspectionPlanSchema, description: 'the cancelled plan' }, errors: { 400: 'invalid input', 404: 'unknown plan', 409: 'already cancelled' },
  },
  {
    method: 'post', path: '/api/inspection-plans/{id}/results', tag: 'supervision', summary: 'Record the result for a drawn enterprise (an enforcement.inspection event)', who: 'staff',
    params: z.object({ id: planIdSchema }), body: recordResultSchema,
    ok: { status: 200, schema: inspectionPlanSchema, description: 'the plan with the result' },
    errors: { 400: 'invalid input', 404: 'unknown plan or enterprise not drawn', 409: 'plan cancelled or result already recorded' },
  },
  {
    method: 'get', path: '/api/public/inspection-plans/{id}', tag: 'supervision', summary: 'The published plan (一公开): seed, snapshot hash and draw, no inspectors', who: 'anyone',
    params: z.object({ id: planIdSchema }),
    ok: { status: 200, schema: publicInspectionPlanSchema, description: 'the plan, recomputable from seed and population file' }, errors: { 400: 'invalid id', 404: 'unknown plan', 429: 'too many requests' },
  },
  {
    method: 'get', path: '/api/public/inspection-plans/{id}/population.csv', tag: 'supervision', summary: 'The plan\u2019s population file (its SHA-256 is snapshotSha256)', who: 'anyone',
    params: z.object({ id: planIdSchema }),
    ok: { status: 200, contentType: 'text/csv', description: 'USCC,stars lines ordered by USCC; no BOM, no header' }, errors: { 400: 'invalid id', 404: 'unknown plan', 429: 'too many requests' },
  },
  // ---- credit notices (告知书) ----
  {
    method: 'get', path: '/api/notices', tag: 'notices', summary: 'Credit notices, newest first', who: 'staff', query: noticeListQuerySchema,
    ok: { status: 200, schema: noticePageSchema, description: 'the notices' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/notices/{id}', tag: 'notices', summary: 'One credit notice', who: 'staff', params: z.object({ id: noticeIdSchema }),
    ok: { status: 200, schema: noticeSchema, description: 'the notice' }, errors: { 400: 'invalid id', 404: 'unknown notice' },
  },
  {
    method: 'get', path: '/api/portal/notices', tag: 'portal', summary: 'The enterprise\u2019s own credit notices, newest first', who: 'enterprise', query: portalNoticeListQuerySchema,
    ok: { status: 200, schema: noticePageSchema, description: 'the notices' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'get', path: '/api/portal/notices/{id}', tag: 'portal', summary: 'One of the enterprise\u2019s own credit notices', who: 'enterprise', params: z.object({ id: noticeIdSchema }),
    ok: { status: 200, schema: noticeSchema, description: 'the notice' }, errors: { 400: 'invalid id', 404: 'no such notice of your enterprise' },
  },
  {
    method: 'post', path: '/api/portal/notices/{id}/acknowledge', tag: 'portal', summary: 'Acknowledge receipt of a notice (回执), once', who: 'enterprise', params: z.object({ id: noticeIdSchema }),
    ok: { status: 200, schema: noticeSchema, description: 'the acknowledged notice' }, errors: { 400: 'invalid id', 404: 'no such notice of your enterprise', 409: 'already acknowledged' },
  },
  // ---- service keys ----
  {
    method: 'post', path: '/api/service-keys', tag: 'ingest', summary: 'Create a key for a machine sender of POST /api/ingest/{kind}, limited to event types', who: 'admin', body: newServiceKeySchema,
    ok: { status: 201, schema: createdServiceKeySchema, description: 'the key, shown this once only (stored hashed)' }, errors: { 400: 'invalid input', 409: 'name taken' },
  },
  {
    method: 'get', path: '/api/service-keys', tag: 'ingest', summary: 'Service keys (without their secrets)', who: 'admin',
    ok: { status: 200, schema: serviceKeyListSchema, description: 'the keys' },
  },
  {
    method: 'post', path: '/api/service-keys/{id}/revoke', tag: 'ingest', summary: 'Revoke a service key (refused on every instance within 0.5 s)', who: 'admin',
    params: z.object({ id: serviceKeyIdSchema }),
    ok: { status: 204, description: 'revoked' }, errors: { 400: 'invalid id', 404: 'unknown or already revoked key' },
  },
  // ---- exports (issue #13 §1): streamed from PostgreSQL page by page; CSV is UTF-8 with BOM, RFC 4180, CRLF, formula cells prefixed with ' ----
  ...exportRoutes('/api/enterprises', 'enterprises', 'The explorer\u2019s whole result (same filters and sort)', enterpriseExportQuerySchema, undefined, 'unknown or invalid parameter'),
  {
    method: 'get', path: '/api/lists/{list}.xlsx', tag: 'supervision', summary: 'A credit list on a day as Excel', who: 'staff',
    params: z.object({ list: listNameSchema }), query: listExportQuerySchema,
    ok: { status: 200, contentType: XLSX_MIME, description: 'one sheet, frozen header row in the chosen language' }, errors: { 400: 'unknown list, invalid or future day, or unknown parameter' },
  },
  ...exportRoutes('/api/stats/early-warnings', 'statistics', 'Every enterprise with an early warning today', earlyWarningsExportQuerySchema, undefined, 'unknown parameter'),
  ...exportRoutes('/api/dead-letters', 'operations', 'Every dead letter (of a reason), newest first', deadLetterExportQuerySchema, undefined, 'invalid parameter'),
  ...exportRoutes('/api/inspection-plans', 'supervision', 'Every inspection plan the caller sees, newest first', planExportQuerySchema, undefined, 'unknown or invalid parameter'),
  ...exportRoutes('/api/inspection-plans/{id}/draws', 'supervision', 'One plan\u2019s drawn enterprises in draw order, with inspectors and results', planDrawsExportQuerySchema, z.object({ id: planIdSchema }), 'invalid id or parameter', { 404: 'unknown plan' }),
  ...exportRoutes('/api/complaints', 'complaints', 'The whole complaint queue with its filters, oldest first', complaintExportQuerySchema, undefined, 'invalid parameter'),
  ...exportRoutes('/api/appeals', 'appeals', 'The whole appeal queue with its filters, oldest first', appealExportQuerySchema, undefined, 'invalid parameter'),
  ...exportRoutes('/api/notices', 'supervision', 'Every credit notice (of an enterprise, or unacknowledged), newest first', noticeExportQuerySchema, undefined, 'invalid parameter'),
  // ---- audit trail (issue 15): admins browse and download it ----
  {
    method: 'get', path: '/api/audit-log', tag: 'accounts', summary: 'The audit trail, newest first (filters: actor, action, target, time range)', who: 'admin',
    query: auditListQuerySchema, ok: { status: 200, schema: auditPageSchema, description: 'a page of entries' }, errors: { 400: 'invalid filter' },
  },
  {
    method: 'get', path: '/api/audit-log.csv', tag: 'accounts', summary: 'The audit trail with the same filters (CSV)', who: 'admin', query: auditExportQuerySchema,
    ok: { status: 200, contentType: 'text/csv', description: 'UTF-8 with BOM, header row in the chosen language, CRLF lines' }, errors: { 400: 'invalid filter' },
  },
  {
    method: 'get', path: '/api/audit-log.xlsx', tag: 'accounts', summary: 'The audit trail with the same filters (Excel)', who: 'admin', query: auditExportQuerySchema,
    ok: { status: 200, contentType: XLSX_MIME, description: 'one sheet, frozen header row in the chosen language' }, errors: { 400: 'invalid filter' },
  },
  ...exportRoutes('/api/enterprises/{uscc}/quarters', 'enterprises', 'Quarterly compliance table (13 quarters)', quartersExportQuerySchema, uscc, 'invalid USCC or parameter', { 404: 'unknown enterprise' }),
  ...exportRoutes('/api/enterprises/{uscc}/effects', 'enterprises', 'Today\u2019s active effects with the event behind each', effectsExportQuerySchema, uscc, 'invalid USCC or parameter', { 404: 'unknown enterprise' }),
  ...exportRoutes('/api/enterprises/{uscc}/ratings', 'ratings', 'Rating history: day, score, stars, revision (at most 400 days)', ratingsExportQuerySchema, uscc, 'invalid USCC, date or range', { 404: 'unknown enterprise' }),
  // ---- registry import, hand registration and batch edits (issue #13 §2): changes go out as enterprise.upserted events ----
  {
    method: 'get', path: '/api/registry/import-template.csv', tag: 'registry', summary: 'The import template (CSV, header row only)', who: 'staff', query: templateQuerySchema,
    ok: { status: 200, contentType: 'text/csv', description: 'UTF-8 with BOM, header row in the chosen language' }, errors: { 400: 'unknown parameter' },
  },
  {
    method: 'get', path: '/api/registry/import-template.xlsx', tag: 'registry', summary: 'The import template (Excel, header row and one example row)', who: 'staff', query: templateQuerySchema,
    ok: { status: 200, contentType: XLSX_MIME, description: 'one sheet, frozen header row in the chosen language' }, errors: { 400: 'unknown parameter' },
  },
  {
    method: 'post', path: '/api/registry/imports', tag: 'registry', summary: 'Upload a CSV or XLSX of enterprises: the dry run (nothing changes yet)', who: 'staff',
    ok: { status: 201, schema: importReportSchema, description: 'every row checked: to add, to change (field by field), unchanged, errors' },
    errors: { 400: 'no file, not a CSV or XLSX, missing columns or too many rows', 413: 'file too large' },
    extra: { request: { body: { content: { 'multipart/form-data': { schema: importUploadFormSchema } } } } },
  },
  {
    method: 'get', path: '/api/registry/imports/{id}', tag: 'registry', summary: 'The dry-run report of an upload', who: 'staff', params: z.object({ id: importIdSchema }),
    ok: { status: 200, schema: importReportSchema, description: 'the report' }, errors: { 400: 'invalid id', 404: 'unknown import' },
  },
  {
    method: 'post', path: '/api/registry/imports/{id}/apply', tag: 'registry', summary: 'Apply the good rows of an upload (enterprise.upserted events for added and changed rows only)', who: 'staff',
    params: z.object({ id: importIdSchema }),
    ok: { status: 200, schema: importApplyResultSchema, description: 'what was sent' }, errors: { 400: 'invalid id', 404: 'unknown import', 409: 'already applied' },
  },
  {
    method: 'post', path: '/api/registry/hand-registrations', tag: 'registry', summary: 'Register by hand an enterprise missing from the legal-person library (pending verification)', who: 'staff',
    body: handRegistrationRequestSchema,
    ok: { status: 201, schema: handRegistrationSchema, description: 'registered, pending verification' }, errors: { 400: 'invalid input (the USCC check character is enforced)', 409: 'already registered' },
  },
  {
    method: 'get', path: '/api/registry/hand-registrations', tag: 'registry', summary: 'Enterprises registered by hand, pending first', who: 'staff', query: handRegistrationListQuerySchema,
    ok: { status: 200, schema: handRegistrationListSchema, description: 'the registrations' }, errors: { 400: 'invalid parameter' },
  },
  {
    method: 'post', path: '/api/registry/hand-registrations/{uscc}/verify', tag: 'registry', summary: 'Verify an enterprise registered by hand', who: 'staff', params: uscc,
    ok: { status: 200, schema: handRegistrationSchema, description: 'verified' }, errors: { 400: 'invalid USCC', 404: 'not registered by hand', 409: 'already verified' },
  },
  {
    method: 'post', path: '/api/registry/batch-edits/preview', tag: 'registry', summary: 'How many enterprises a batch edit would change (nothing changes)', who: 'staff', body: batchEditRequestSchema,
    ok: { status: 200, schema: batchEditPreviewSchema, description: 'the counts for the confirmation' }, errors: { 400: 'invalid input or too many enterprises' },
  },
  {
    method: 'post', path: '/api/registry/batch-edits', tag: 'registry', summary: 'Change region or industry of selected enterprises (enterprise.upserted events)', who: 'staff', body: batchEditRequestSchema,
    ok: { status: 201, schema: batchEditResultSchema, description: 'what changed' }, errors: { 400: 'invalid input or too many enterprises' },
  },
  {
    method: 'get', path: '/api/registry/batch-edits/{id}', tag: 'registry', summary: 'The result of a batch edit', who: 'staff', params: z.object({ id: batchEditIdSchema }),
    ok: { status: 200, schema: batchEditResultSchema, description: 'what changed' }, errors: { 400: 'invalid id', 404: 'unknown batch edit' },
  },
];

/** Every route of the document as `METHOD /path` (OpenAPI path syntax), for tests that compare it with the server's routes. */
export const DOCUMENTED_ROUTES: readonly string[] = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);

/**
 * The documented success answer of a route (`METHOD /path` as in DOCUMENTED_ROUTES): its status and, for JSON, its
 * schema. Tests check the server's real answers against it; the server itself does not parse its answers.
 */
export function documentedSuccess(route: string): { status: number; schema: z.ZodType | null } | undefined {
  const r = ROUTES.find((x) => `${x.method.toUpperCase()} ${x.path}` === route);
  return r && { status: r.ok.status, schema: r.ok.schema ?? null };
}

function routeConfig(r: RouteSpec): RouteConfig {
  const responses: RouteConfig['responses'] = {
    [r.ok.status]: r.ok.schema
      ? json(r.ok.schema, r.ok.description)
      : r.ok.status === 204
        ? { description: r.ok.description }
        : { description: r.ok.description, content: { [r.ok.contentType ?? 'application/octet-stream']: { schema: z.string().meta({ format: 'binary' }) } } },
  };
  const errors: Record<number, string> = { ...r.errors };
  if (r.who !== 'anyone') {
    errors[401] = 'no token, or a bad, expired or revoked one';
    errors[403] = 'not allowed for this account';
  }
  for (const [status, description] of Object.entries(errors)) responses[Number(status)] = error(description);
  return {
    method: r.method,
    path: r.path,
    tags: [r.tag],
    summary: r.summary,
    description: WHO_TEXT[r.who],
    ...(r.who === 'anyone' ? {} : { security: [{ bearer: [] }] }),
    request: {
      ...(r.params ? { params: r.params } : {}),
      ...(r.query ? { query: r.query } : {}),
      ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
      ...r.extra?.request,
    },
    responses: { ...responses, ...r.extra?.responses },
  };
}

/**
 * The OpenAPI 3.1 document. Also lists the Kafka and socket.io messages (rating change, ratings
 * burst, dead letter) under components/schemas, so clients get their types from the same source.
 */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of ROUTES) registry.registerPath(routeConfig(route));
  // Named by .meta({ id }) already; listed as definitions so they appear even where no route uses them.
  const messages = [ratingChangeMessageSchema, ratingsBurstSchema, deadLetterMessageSchema, errorBodySchema, subscriptionRequestSchema, subscriptionAckSchema].map((schema) => ({ type: 'schema' as const, schema }));
  return new OpenApiGeneratorV31([...registry.definitions, ...messages]).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'EnvFace API',
      version: '2',
      description:
        'EnvFace (环保脸谱) HTTP API. Errors are {"error":{"code","message"}}. Generated from the zod schemas in streams/src/contract. ' +
        'Kafka envface.ratings.v1 and socket.io /live rating.changed carry RatingChange; ratings.burst carries RatingsBurst; envface.dlq.v1 carries DeadLetterMessage; /live subscribe and unsubscribe take SubscriptionRequest and ack SubscriptionAck.',
    },
    tags: [
      { name: 'auth' }, { name: 'ratings' }, { name: 'enterprises' }, { name: 'statistics' }, { name: 'model' }, { name: 'public' },
      { name: 'complaints' }, { name: 'appeals' }, { name: 'accounts' }, { name: 'portal' }, { name: 'ingest' }, { name: 'operations' },
      { name: 'supervision' }, { name: 'notices' }, { name: 'registry' },
    ],
  });
}
