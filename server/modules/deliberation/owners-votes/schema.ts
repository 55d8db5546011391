import { z } from 'zod';
import { Id, IdQuery, Instant, Text } from '../schema.js';

export const VoteMatter = z.enum([
  'rules_of_procedure',
  'management_statute',
  'owners_committee_election',
  'property_service_hiring',
  'maintenance_fund_use',
  'maintenance_fund_raising',
  'building_reconstruction',
  'common_parts_use_change',
  'other_important',
]);
export const VoteRule = z.enum(['civil_code_278_special', 'civil_code_278_ordinary']);
export const VoteChoice = z.enum(['for', 'against', 'abstain']);
export const VoteStatus = z.enum(['draft', 'open', 'closed']);

export const CreateVoteBody = z.strictObject({
  estateId: Id,
  title: Text(2, 200),
  description: Text(1, 10_000),
  matter: VoteMatter,
  /** Units not yet sold, held by the developer: together they count as one owner. */
  developerHouseholdIds: z.array(Id).max(10_000).default([]),
  /** When ballots stop being accepted; the vote is counted when someone closes it. */
  closesAt: Instant.refine((d) => d.getTime() > Date.now(), 'must be in the future').optional(),
});

export const ProxyBody = z.strictObject({
  ownerId: Id,
  proxyName: Text(1, 100),
  /** When the proxy is a resident with an account, they may cast the ballot online. */
  proxyResidentId: Id.optional(),
  authorizationRef: Text(1, 100),
});

export const BallotBody = z.strictObject({
  choice: VoteChoice,
  /** Another owner, for whom the caller holds a recorded proxy authorization. */
  ownerId: Id.optional(),
});

export const PaperBallotBody = z.strictObject({
  ownerId: Id,
  choice: VoteChoice,
  paperReference: Text(1, 100),
  proxyId: Id.optional(),
});

export const VoteQuery = z.strictObject({
  estateId: IdQuery.optional(),
  communityId: IdQuery.optional(),
});

const Share = z.object({ owners: z.number(), areaCents: z.string(), areaM2: z.string() });
const ThresholdTest = z.object({
  measure: z.enum(['area', 'owners']),
  fraction: z.string(),
  threshold: z.string(),
  comparison: z.enum(['at_least', 'more_than']),
  passed: z.boolean(),
});
const TestPair = z.object({ passed: z.boolean(), area: ThresholdTest, owners: ThresholdTest });

export const VoteResult = z.object({
  law: z.string(),
  rule: VoteRule,
  matter: VoteMatter,
  explanation: z.object({ zh: z.string(), en: z.string() }),
  totals: Share,
  participating: Share,
  choices: z.object({ for: Share, against: Share, abstain: Share }),
  participation: TestPair,
  approval: TestPair.nullable(),
  outcome: z.enum(['passed', 'failed', 'invalid']),
  ballotCount: z.number(),
  ballotsDigest: z.string(),
});

export const VoteSummary = z.object({
  id: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  communityId: z.number(),
  title: z.string(),
  matter: VoteMatter,
  rule: VoteRule,
  status: VoteStatus,
  closesAt: z.date().nullable(),
  openedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
});

export const VoteDetail = VoteSummary.extend({
  description: z.string(),
  totalOwners: z.number().nullable(),
  totalAreaM2: z.string().nullable(),
  me: z
    .object({
      ownerId: z.number().nullable(),
      voted: z.boolean(),
      proxyFor: z.array(z.object({ ownerId: z.number(), displayName: z.string(), voted: z.boolean() })),
    })
    .nullable(),
  result: VoteResult.nullable(),
});

export const RollEntry = z.object({
  id: z.number(),
  displayName: z.string(),
  areaM2: z.string(),
  unitCount: z.number(),
  isDeveloper: z.boolean(),
  voted: z.boolean(),
  proxy: z.object({ id: z.number(), proxyName: z.string(), authorizationRef: z.string() }).nullable(),
});

export const BallotReceipt = z.object({ ballotId: z.number(), ownerId: z.number(), channel: z.enum(['online', 'paper']) });
