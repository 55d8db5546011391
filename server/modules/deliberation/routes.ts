import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { disclosureRoutes } from './disclosure/routes.js';
import { meetingRoutes } from './meetings/routes.js';
import { ownersVoteRoutes } from './owners-votes/routes.js';
import { resolutionRoutes } from './resolutions/routes.js';
import { topicRoutes } from './topics/routes.js';

/**
 * Deliberation (协商议事): 收集意见 topics — 协商办理 meetings — 落实推进 resolutions and tasks —
 * 反馈信息 outcomes and the public disclosure; and owners' votes (业主表决).
 */
export async function deliberationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await topicRoutes(app, ctx);
  await meetingRoutes(app, ctx);
  await resolutionRoutes(app, ctx);
  await ownersVoteRoutes(app, ctx);
  await disclosureRoutes(app, ctx);
}
