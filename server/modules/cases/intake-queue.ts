import type { Caller } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import { BatchQueue, type Settled } from '../../platform/db/batch-queue.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import {
  claimId,
  claimKeys,
  idempotencyClaim,
  KEY_ATTEMPTS,
  keyInUse,
  releaseKeys,
  replayAnswers,
  storeAnswers,
  type IdempotencyClaim,
  type StoredResponse,
} from '../../platform/http/idempotency.js';
import type { CaseRefs } from './presenter.js';
import type { CaseRow } from './repository.js';
import { submitCases, type SubmitCaseInput } from './submit-case.js';

/** One demand to take in, as a route receives it. */
export interface Intake<T = unknown> {
  submit: Caller & SubmitCaseInput;
  /** The Idempotency-Key of the request, if any, and who may reuse it. */
  idempotency: { principal: string; key: string | undefined; request: unknown };
  /** The answer to send (and to store for the key) once the case exists. */
  answer: (row: CaseRow, refs: CaseRefs) => { status: number; body: T };
}

/** Most demands written in one transaction, and transactions of intake at once (pool: 10). */
const MAX_BATCH = 64;
const MAX_IN_FLIGHT = 2;

/**
 * Case intake with group commit (接诉即办 at a city's hotline volume): demands that arrive while
 * earlier ones are being written are taken in together, in one transaction with one statement
 * per step for all of them (submitCases). Each keeps its own answer: its case, its refusal, or
 * the first answer stored for its Idempotency-Key.
 */
export function createIntakeQueue(db: Executor, cipher: PiiCipher, options = { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT }) {
  const queue = new BatchQueue<Intake, StoredResponse<unknown>>((intakes) => takeIn(db, cipher, intakes), options);
  return {
    /** Takes one demand in (with whatever else is waiting) and settles with its own answer. */
    submit: <T>(intake: Intake<T>) => queue.submit(intake) as Promise<StoredResponse<T>>,
  };
}

export type IntakeQueue = ReturnType<typeof createIntakeQueue>;

/**
 * Writes a group of intakes in one transaction. A key already stored (or being written by
 * another transaction, which this one then waits for) is replayed after commit; a key named twice
 * in the group is taken by its first request and replayed for the later ones.
 */
export async function takeIn(db: Executor, cipher: PiiCipher, intakes: readonly Intake[], attempt = 1): Promise<Settled<StoredResponse<unknown>>[]> {
  const settled: (Settled<StoredResponse<unknown>> | undefined)[] = intakes.map(() => undefined);
  const claims: (IdempotencyClaim | null)[] = intakes.map((intake, i) => {
    try {
      return idempotencyClaim(intake.idempotency);
    } catch (error) {
      settled[i] = { error };
      return null;
    }
  });
  const firstOfKey = new Map<string, number>();
  claims.forEach((c, i) => {
    if (c && !firstOfKey.has(claimId(c))) firstOfKey.set(claimId(c), i);
  });
  const replay: number[] = [];
  await inTransaction(db, async (tx) => {
    const won = await claimKeys(tx, [...firstOfKey.values()].map((i) => claims[i]!));
    const fresh: number[] = [];
    intakes.forEach((_, i) => {
      if (settled[i]) return;
      const c = claims[i];
      if (!c || (won.has(claimId(c)) && firstOfKey.get(claimId(c)) === i)) fresh.push(i);
      else replay.push(i);
    });
    const { outcomes, refs } = await submitCases(tx, cipher, fresh.map((i) => intakes[i]!.submit));
    const refused: IdempotencyClaim[] = [];
    const answers: { claim: IdempotencyClaim; status: number; body: unknown }[] = [];
    fresh.forEach((i, k) => {
      const outcome = outcomes[k]!;
      const claim = claims[i];
      if (outcome instanceof AppError) {
        settled[i] = { error: outcome };
        if (claim) refused.push(claim);
        return;
      }
      const answer = intakes[i]!.answer(outcome, refs);
      settled[i] = { value: { ...answer, replayed: false } };
      if (claim) answers.push({ claim, ...answer });
    });
    await releaseKeys(tx, refused);
    await storeAnswers(tx, answers);
  });
  if (replay.length > 0) {
    const stored = await replayAnswers(db, replay.map((i) => claims[i]!));
    const again: number[] = [];
    replay.forEach((i, k) => {
      const s = stored[k];
      if (s instanceof AppError) settled[i] = { error: s };
      else if (s) settled[i] = { value: s };
      else again.push(i);
    });
    // The key's first request was refused and gave it back: these run as first requests now.
    for (const i of again) settled[i] = attempt < KEY_ATTEMPTS ? (await takeIn(db, cipher, [intakes[i]!], attempt + 1))[0] : { error: keyInUse() };
  }
  return settled as Settled<StoredResponse<unknown>>[];
}
