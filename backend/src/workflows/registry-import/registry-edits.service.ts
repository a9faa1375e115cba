import { Inject, Injectable } from '@nestjs/common';
import {
  MAX_BATCH_EDIT,
  usccProblem,
  type BatchEditPreview,
  type BatchEditRequest,
  type BatchEditResult,
  type HandRegistration,
  type HandRegistrationList,
  type HandRegistrationListQuery,
  type HandRegistrationRequest,
} from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { inScope, scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { ApiError } from '../../platform/web/api-error';
import { EnterpriseQueryRepository } from '../../read/enterprises/enterprise-query.repository';
import { enterpriseFilterOf } from '../../read/enterprises/enterprise-search.service';
import { registryChanges, valuesOf, type RegistryValues } from './registry-diff';
import { RegistryEventSender } from './registry-event.sender';
import { RegistryRepository, type BatchEditRecord, type HandRegistrationRecord } from './registry.repository';
import { workflowSender } from './registry-import.service';

interface BatchPlan {
  selected: number;
  unregistered: number;
  unchanged: number;
  changed: { uscc: string; name: string; values: RegistryValues; changes: BatchEditRecord['changed'][number]['changes'] }[];
}

function handJson(r: HandRegistrationRecord): HandRegistration {
  return {
    uscc: r.uscc,
    name: r.name ?? '',
    status: r.verifiedAt ? 'verified' : 'pending',
    registeredBy: r.registeredBy,
    registeredAt: r.registeredAt.toISOString(),
    note: r.note,
    verifiedBy: r.verifiedBy,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
  };
}

function batchJson(b: BatchEditRecord): BatchEditResult {
  return { id: b.id, createdAt: b.createdAt.toISOString(), createdBy: b.createdBy, set: b.set, selected: b.selected, unchanged: b.unchanged, unregistered: b.unregistered, changed: b.changed as BatchEditResult['changed'] };
}

/** Hand registration (with verification) and batch edits of region / industry. */
@Injectable()
export class RegistryEditsService {
  constructor(
    private readonly db: Database,
    private readonly repository: RegistryRepository,
    private readonly enterprises: EnterpriseQueryRepository,
    private readonly sender: RegistryEventSender,
    private readonly audit: AuditLogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * An enterprise missing from the legal-person library, registered by an inspector: an
   * enterprise.upserted like any other, plus a hand_registrations row that flags it pending until
   * another look verifies it. Refused when the registry already knows the enterprise.
   */
  async register(body: HandRegistrationRequest, user: AuthUser): Promise<HandRegistration> {
    if (!inScope(scopeOf(user), body.regionCode)) throw new ApiError(400, 'outside_jurisdiction', `Region ${body.regionCode} is outside your jurisdiction`);
    const current = (await this.repository.current(this.db, [body.uscc])).get(body.uscc);
    if (current?.registered) throw new ApiError(409, 'already_registered', `${body.uscc} is already in the registry as ${current.name}`);
    if (await this.repository.handRegistration(this.db, body.uscc)) throw new ApiError(409, 'already_registered', `${body.uscc} was already registered by hand`);
    const now = this.clock.now();
    const eventId = `hand-registration-${body.uscc}-${now}`;
    await this.sender.send(
      [{ eventId, uscc: body.uscc, occurredAt: new Date(now).toISOString(), values: { name: body.name, regionCode: body.regionCode, industryCode: body.industryCode, address: body.address || null, lat: body.lat ?? null, lon: body.lon ?? null } }],
      workflowSender('hand-registration', user),
      'envface-hand-registration',
    );
    await this.db.transaction('registry.hand_register', async (tx) => {
      if (!(await this.repository.insertHandRegistration(tx, { uscc: body.uscc, eventId, at: new Date(now), by: user.username, note: body.note || null }))) {
        throw new ApiError(409, 'already_registered', `${body.uscc} was already registered by hand`);
      }
      await this.audit.append(tx, { action: 'registry.hand_registered', actor: { id: user.id, username: user.username }, target: body.uscc, detail: { name: body.name, eventId, note: body.note ?? null } });
    });
    return handJson((await this.repository.handRegistration(this.db, body.uscc))!);
  }

  async verify(uscc: string, user: AuthUser): Promise<HandRegistration> {
    const invalid = usccProblem(uscc);
    if (invalid !== null) throw new ApiError(400, 'invalid_uscc', `Not a valid USCC: ${invalid}`);
    const existing = await this.repository.handRegistration(this.db, uscc);
    // Outside the inspector's jurisdiction the registration is "not found", like every object there.
    const region = (await this.repository.current(this.db, [uscc])).get(uscc)?.regionCode;
    if (!existing || !inScope(scopeOf(user), region)) throw new ApiError(404, 'not_found', `${uscc} was not registered by hand`);
    await this.db.transaction('registry.hand_verify', async (tx) => {
      if (!(await this.repository.verify(tx, uscc, new Date(this.clock.now()), user.username))) {
        throw new ApiError(409, 'already_verified', `${uscc} was verified already`);
      }
      await this.audit.append(tx, { action: 'registry.hand_verified', actor: { id: user.id, username: user.username }, target: uscc, detail: { registeredBy: existing.registeredBy } });
    });
    return handJson((await this.repository.handRegistration(this.db, uscc))!);
  }

  async list(query: HandRegistrationListQuery): Promise<HandRegistrationList> {
    return { items: (await this.repository.handRegistrations(this.db, query.status)).map(handJson) };
  }

  async preview(body: BatchEditRequest, user: AuthUser): Promise<BatchEditPreview> {
    const plan = await this.batchPlan(body, scopeOf(user));
    return { selected: plan.selected, willChange: plan.changed.length, unchanged: plan.unchanged, unregistered: plan.unregistered };
  }

  async batchEdit(body: BatchEditRequest, user: AuthUser): Promise<BatchEditResult> {
    const plan = await this.batchPlan(body, scopeOf(user));
    const id = await this.repository.nextBatchEditId(this.db);
    const at = new Date(this.clock.now());
    await this.sender.send(
      plan.changed.map((c) => ({ eventId: `batch-edit-${id}-${c.uscc}`, uscc: c.uscc, occurredAt: at.toISOString(), values: c.values })),
      workflowSender('batch-edit', user),
      'envface-batch-edit',
    );
    const record: BatchEditRecord = {
      id, createdAt: at, createdBy: user.username, set: body.set, selected: plan.selected, unchanged: plan.unchanged, unregistered: plan.unregistered,
      changed: plan.changed.map((c) => ({ uscc: c.uscc, name: c.name, changes: c.changes })),
    };
    await this.db.transaction('registry.batch_edit', async (tx) => {
      await this.repository.insertBatchEdit(tx, record);
      await this.audit.append(tx, { action: 'registry.batch_edited', actor: { id: user.id, username: user.username }, target: `batch-edit:${id}`, detail: { set: body.set, selected: plan.selected, changed: plan.changed.length } });
    });
    return batchJson(record);
  }

  async getBatchEdit(id: string): Promise<BatchEditResult> {
    const b = await this.repository.batchEdit(this.db, id);
    if (!b) throw new ApiError(404, 'not_found', `No batch edit ${id}`);
    return batchJson(b);
  }

  /** A scoped inspector edits only inside the jurisdiction: the filter is scoped, a listed enterprise outside is "not found". */
  private async batchPlan(body: BatchEditRequest, scope: RegionScope): Promise<BatchPlan> {
    let usccs: string[];
    if ('usccs' in body.selection) usccs = [...new Set(body.selection.usccs)];
    else {
      usccs = await this.enterprises.matchingUsccs(this.db, enterpriseFilterOf(body.selection.filter, scope), MAX_BATCH_EDIT + 1);
      if (usccs.length > MAX_BATCH_EDIT) throw new ApiError(400, 'too_many', `The filter matches more than ${MAX_BATCH_EDIT} enterprises; narrow it`);
    }
    if (usccs.length === 0) throw new ApiError(400, 'empty_selection', 'No enterprise matches the selection');
    const current = await this.repository.current(this.db, usccs);
    const outside = usccs.find((uscc) => !inScope(scope, current.get(uscc)?.regionCode));
    if (outside !== undefined) throw new ApiError(404, 'not_found', `No enterprise ${outside}`);
    // Moving an enterprise out of the jurisdiction would lose it from the inspector's own view: refused.
    if (body.set.regionCode !== undefined && !inScope(scope, body.set.regionCode)) {
      throw new ApiError(400, 'outside_jurisdiction', `Region ${body.set.regionCode} is outside your jurisdiction`);
    }
    const plan: BatchPlan = { selected: usccs.length, unregistered: 0, unchanged: 0, changed: [] };
    for (const uscc of usccs) {
      const row = current.get(uscc);
      // Known from events only: no name to send, so a region alone cannot register it.
      if (!row?.registered || row.name === null || row.regionCode === null || row.industryCode === null) {
        plan.unregistered++;
        continue;
      }
      const values: RegistryValues = { ...valuesOf(row), ...body.set };
      const changes = registryChanges(row, values)!;
      if (changes.length === 0) plan.unchanged++;
      else plan.changed.push({ uscc, name: row.name, values, changes });
    }
    return plan;
  }
}
