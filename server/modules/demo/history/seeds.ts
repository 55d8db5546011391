import type { HandlerUnit } from '../../cases/handler-resolution.js';
import { personName, surname } from '../names.js';
import type { Random } from '../random.js';
import type { CaseDraft, CaseSeed, Reporter } from './life.js';
import { manager } from './life.js';
import { describe } from './mix.js';
import type { CasePlan } from './plan.js';
import type { Household, Person, Street } from './street.js';

/**
 * Who reports a planned case and how it is entered, as submitCase records it for the channel:
 * residents in the app report from their household; hotline work orders (12345) name a caller
 * and often a phone; staff enter calls and visits; grid workers file what they see on patrol;
 * Open311 requests arrive through the street's service account; the owners' committee reports
 * for the owners.
 */
export function toSeed(rng: Random, street: Street, plan: CasePlan, handler: HandlerUnit | null, duplicateOf: CaseDraft | null): CaseSeed {
  const { building, category } = plan;
  let channel = plan.channel;
  if (channel === 'open311' && !street.accounts.open311) channel = 'hotline';
  const household = building.households.length ? rng.pick(building.households) : null;
  if (channel === 'resident_app' && !household?.residentId) channel = 'hotline';

  const none: Reporter = { name: null, residentId: null, userId: null, phone: null, hidden: false };
  let reporter = none;
  let submitter: Person;
  let at: Household | null = null;
  switch (channel) {
    case 'resident_app': {
      const demo = street.accounts.resident;
      const own = demo && building.households.find((h) => h.residentId === demo.residentId);
      if (own && rng.chance(0.3)) {
        reporter = { ...none, name: own.residentName, residentId: own.residentId, userId: demo.userId };
        submitter = { userId: demo.userId, name: demo.name };
        at = own;
      } else {
        reporter = { ...none, name: household!.residentName, residentId: household!.residentId };
        submitter = { userId: null, name: `居民 ${household!.residentName ?? ''}`.trim() };
        at = household;
      }
      break;
    }
    case 'hotline': {
      const identified = household?.residentId && rng.chance(0.5);
      reporter = {
        ...none,
        name: identified ? household!.residentName : `${surname(rng)}${rng.chance(0.5) ? '先生' : '女士'}`,
        residentId: identified ? household!.residentId : null,
        phone: rng.chance(0.75) ? phone(rng) : null,
        hidden: rng.chance(0.08),
      };
      submitter = { userId: null, name: '12345热线' };
      at = identified ? household : null;
      break;
    }
    case 'phone':
    case 'visit': {
      const known = household?.residentId && rng.chance(0.6);
      reporter = { ...none, name: known ? household!.residentName : personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1945, 1995)), residentId: known ? household!.residentId : null, phone: rng.chance(0.6) ? phone(rng) : null };
      submitter = manager(rng, street, building);
      at = known ? household : null;
      break;
    }
    case 'patrol':
      submitter = street.gridWorkers.get(building.gridId) ?? manager(rng, street, building);
      break;
    case 'open311':
      reporter = { ...none, name: rng.chance(0.5) ? `${surname(rng)}先生` : null };
      submitter = street.accounts.open311!;
      break;
    case 'owners_committee':
      reporter = { ...none, name: '业主委员会' };
      submitter = { userId: null, name: `业委会委员 ${personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1950, 1985))}` };
      break;
  }
  return {
    receivedAt: plan.at,
    category,
    priority: category.priority,
    channel,
    building,
    household: at,
    reporter,
    submitter,
    description: describe(rng, category.texts, `${category.nameZh}，请尽快处理`, channel),
    handler,
    duplicateOf,
  };
}

function phone(rng: Random): string {
  return `1${rng.pick(['3', '5', '7', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}
