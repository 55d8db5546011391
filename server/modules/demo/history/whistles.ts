import type { WhistleKind } from '../../../platform/db/schema-cases.js';
import type { Random } from '../random.js';
import { DAY, HOUR, MINUTE, officeHours } from './calendar.js';
import type { Street } from './street.js';

/**
 * A year of 吹哨报到: the street (or a community) summons two to four departments to a place;
 * most check in on time, a few late or not at all; the whistle is closed when the work is done
 * and each summoned department is rated 1–5. The latest whistles are still open.
 */

export interface SummonsDraft {
  departmentId: number;
  checkedInAt: number | null;
  checkedInBy: number | null;
  peopleSent: string | null;
  onTime: boolean | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: number | null;
  ratedBy: number | null;
}

export interface WhistleDraft {
  nodeId: number;
  path: string;
  place: string;
  kind: WhistleKind;
  reason: string;
  blownBy: number;
  blownAt: number;
  checkinDueAt: number;
  closedAt: number | null;
  closedBy: number | null;
  summary: string | null;
  summons: SummonsDraft[];
}

const REASONS: Record<WhistleKind, readonly string[]> = {
  routine: ['私搭乱建反复出现，需联合执法拆除', '背街小巷环境脏乱，需联合整治', '占道经营屡禁不止，需联合执法', '楼道线路杂乱、飞线充电，需联合排查', '餐饮油烟扰民，需联合检查'],
  tough: ['违法建设集中拆除攻坚', '群租房集中整治', '老旧小区加装电梯多方协调', '僵尸车集中清理', '地下空间违规住人整治'],
  emergency: ['暴雨致路面严重积水，需紧急排水', '疑似燃气泄漏，需紧急处置', '供水管道爆裂，需紧急抢修', '大风刮倒树木压住车辆，需紧急清理'],
};
const SENT = ['派出执法队员3人', '派出工作人员2人', '派出抢修班组1组5人', '派出技术人员2人到场', '负责人带队4人到场'];
const SUMMARIES = ['各部门协同处置完毕，现场已恢复正常，纳入日常巡查。', '问题已整改到位，居民表示满意。', '已完成处置并建立长效管理机制。'];
const COMMENTS: Record<number, string> = { 5: '响应迅速，处置有力', 4: '按时到场，配合良好', 3: '到场稍晚，基本完成任务', 2: '响应迟缓，需改进', 1: '未按要求报到' };

/** Kinds are routine ≈ 60%, tough ≈ 30%, emergency ≈ 10%; check-in limits come from whistle_time_limit. */
export function planWhistles(rng: Random, street: Street, from: number, to: number, count: number, limits: Map<WhistleKind, number>): WhistleDraft[] {
  const blower = street.accounts.streetAdmin.userId;
  if (blower === null || street.departments.length < 2 || count <= 0) return [];
  const handlerOf = new Map<number, number>();
  for (const [orgId, people] of street.orgPeople) {
    const account = people.find((p) => p.userId !== null);
    if (account) handlerOf.set(orgId, account.userId!);
  }
  const out: WhistleDraft[] = [];
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const kind: WhistleKind = last ? 'tough' : rng.weighted([['routine', 6], ['tough', 3], ['emergency', 1]] as const);
    const raw = last ? to - rng.between(1, 3) * DAY : rng.between(from, to - HOUR);
    const blownAt = kind === 'emergency' ? raw : Math.min(officeHours(rng, raw), to - MINUTE);
    const building = rng.pick(street.buildings);
    const level = rng.weighted([['street', 3], ['community', 4], ['grid', 3]] as const);
    const nodeId = level === 'street' ? street.id : level === 'community' ? building.communityId : building.gridId;
    const path = level === 'street' ? street.path : building.path.split('/').slice(0, level === 'community' ? 4 : 5).join('/') + '/';
    const limit = (limits.get(kind) ?? 1440) * MINUTE;
    const checkinDueAt = blownAt + limit;
    const length = kind === 'emergency' ? rng.between(2, 12) * HOUR : kind === 'routine' ? rng.between(1, 5) * DAY : rng.between(5, 30) * DAY;
    const closedAt = blownAt + length <= to ? blownAt + length : null;
    const summons = rng.shuffle(street.departments).slice(0, rng.int(2, Math.min(4, street.departments.length))).map((d): SummonsDraft => {
      const fate = rng.weighted([['on_time', 85], ['late', 10], ['absent', 5]] as const);
      const at = fate === 'absent' ? null : blownAt + limit * (fate === 'on_time' ? rng.between(0.1, 0.95) : rng.between(1.05, 2));
      const checkedInAt = at !== null && at <= to && (closedAt === null || at < closedAt) ? Math.round(at) : null;
      const rating = closedAt === null ? null : checkedInAt === null ? rng.int(1, 2) : fate === 'on_time' ? rng.weighted([[5, 6], [4, 4]] as const) : rng.int(2, 4);
      const ratedAt = rating === null ? null : Math.min(to - MINUTE, closedAt! + rng.between(1, 48) * HOUR);
      return {
        departmentId: d.id,
        checkedInAt,
        checkedInBy: checkedInAt === null ? null : (handlerOf.get(d.id) ?? null),
        peopleSent: checkedInAt === null ? null : rng.pick(SENT),
        onTime: checkedInAt === null ? null : checkedInAt <= checkinDueAt,
        rating,
        ratingComment: rating === null ? null : COMMENTS[rating]!,
        ratedAt: ratedAt !== null && ratedAt > closedAt! ? ratedAt : null,
        ratedBy: rating === null ? null : blower,
      };
    });
    // A rating is only given once the whistle is closed; one rated before `now` keeps its time.
    for (const s of summons) if (s.ratedAt === null) Object.assign(s, { rating: null, ratingComment: null, ratedBy: null });
    out.push({
      nodeId,
      path,
      place: `${building.address}周边`,
      kind,
      reason: rng.pick(REASONS[kind]),
      blownBy: blower,
      blownAt: Math.round(blownAt),
      checkinDueAt: Math.round(checkinDueAt),
      closedAt: closedAt === null ? null : Math.round(closedAt),
      closedBy: closedAt === null ? null : blower,
      summary: closedAt === null ? null : rng.pick(SUMMARIES),
      summons,
    });
  }
  out.sort((a, b) => a.blownAt - b.blownAt);
  // Blow times are distinct, so a whistle is known by its time and place.
  for (let i = 1; i < out.length; i++) if (out[i]!.blownAt <= out[i - 1]!.blownAt) out[i]!.blownAt = out[i - 1]!.blownAt + 1;
  return out;
}
