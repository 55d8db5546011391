import type { Caller } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { roleHas, type Actor } from '../../../platform/permissions/scope.js';
import { handlerUserIds, ownerUserIds } from '../repository.js';
import { runTransition } from '../run-transition.js';
import { insertSupervision } from './repository.js';

/** The node the supervisor acts from: their nearest role with case.supervise above the case. */
function supervisingNode(actor: Actor, orgPath: string): number | null {
  const roles = actor.roles.filter((r) => roleHas(r.role, 'case.supervise') && orgPath.startsWith(r.path));
  roles.sort((a, b) => b.path.length - a.path.length);
  return roles[0]?.orgNodeId ?? null;
}

/**
 * Manual supervision (督办) by community or street staff: recorded at the case's current level
 * and sent to the unit that must act — the handler once dispatched, else the owning unit.
 */
export async function superviseCase(db: Executor, options: Caller & { caseId: number; note: string }) {
  return runTransition(db, { ...options, action: 'supervise' }, async ({ tx, current, now }) => {
    await insertSupervision(tx, {
      case_id: current.id,
      level: current.supervision_level,
      kind: 'manual',
      org_node_id: supervisingNode(options.actor, current.org_path),
      by_user_id: options.actor.userId,
      note: options.note,
      at: now,
    });
    const handlers = current.handler_node_id || current.handler_org_id ? await handlerUserIds(tx, current) : [];
    return {
      note: options.note,
      internal: true,
      eventData: { level: current.supervision_level },
      notify: [
        {
          userIds: handlers.length > 0 ? handlers : await ownerUserIds(tx, current),
          notice: { kind: 'case.supervised', title: `督办 ${current.public_id}`, body: options.note.slice(0, 200) },
        },
      ],
    };
  });
}
