import type { CaseChannel } from '../../../platform/db/schema-cases.js';
import type { Random } from '../random.js';

/**
 * What a street hears about, roughly in the shares that 12345 hotlines report for residential
 * areas: property repairs and service first, then noise, parking, sanitation and street order;
 * heating dominates the winter (Beijing heats from 15 November to 15 March), rain brings flooded
 * roads and leaking roofs in July and August, summer brings pests, barbecues and square dancing.
 * Codes not listed (a deployment's own categories) weigh 1.
 */
const BASE: Record<string, number> = {
  'property.elevator': 3, 'property.corridor_light': 2.5, 'property.roof_leak': 2, 'property.sewer_blockage': 3,
  'property.access_control': 2, 'property.service': 3.5, 'property.fee': 1.5,
  'environment.garbage_collection': 3, 'environment.garbage_sorting': 1.5, 'environment.dirty_spot': 2,
  'environment.greening': 1.5, 'environment.pests': 1.2,
  'noise.construction': 2, 'noise.shop': 1.5, 'noise.neighbour': 3.5, 'noise.square_dance': 1.5, 'noise.renovation': 2.5,
  'urban.illegal_construction': 1.2, 'urban.street_vending': 2, 'urban.flyers': 1, 'urban.bbq_fumes': 1.2,
  'parking.illegal': 4, 'parking.abandoned': 1, 'parking.ev_charging': 1.5, 'parking.ground_lock': 1.2,
  'water.outage': 1.5, 'water.low_pressure': 1, 'water.quality': 0.8, 'water.pipe_burst': 0.8,
  'power.outage': 1.2, 'power.aging_wiring': 0.8, 'gas.leak': 0.3, 'gas.outage': 0.7,
  'heating.insufficient': 9, 'heating.leak': 2,
  'safety.fire_lane': 0.8, 'safety.flying_wire': 1.5, 'safety.corridor_clutter': 2, 'safety.falling_risk': 0.8,
  'municipal.street_light': 1.5, 'municipal.manhole': 0.8, 'municipal.road_damage': 1.5, 'municipal.drainage': 1,
  'housing.group_rental': 0.8, 'housing.rental_dispute': 1.5, 'housing.renovation': 0.8,
  'welfare.elderly_care': 1.2, 'welfare.subsistence': 0.8, 'welfare.medical': 1, 'welfare.person_in_danger': 0.3,
  'dispute.neighbour': 2, 'dispute.wage_arrears': 0.8,
  'pets.dog_walking': 1.2, 'pets.stray': 1, 'pets.dog_waste': 1,
  'market.food_safety': 0.8, 'market.price': 1.2,
  'community.certificate': 1, 'community.policy': 1.5, 'community.praise': 0.4,
};

/** Month (1–12) → multiplier, for the seasonal categories. */
const SEASON: Record<string, (month: number, day: number) => number> = {
  'heating.insufficient': heatingSeason,
  'heating.leak': (m, d) => (heatingSeason(m, d) > 0 ? 1 : m === 11 ? 0.3 : 0.02),
  'property.roof_leak': (m) => (m === 7 || m === 8 ? 2.5 : m === 6 || m === 9 ? 1.2 : 0.7),
  'municipal.drainage': (m) => (m === 7 || m === 8 ? 4 : m === 6 || m === 9 ? 1.2 : 0.3),
  'environment.pests': (m) => (m >= 6 && m <= 9 ? 2.5 : m === 5 || m === 10 ? 1 : 0.3),
  'environment.greening': (m) => (m >= 4 && m <= 9 ? 1.5 : 0.5),
  'environment.garbage_collection': (m) => (m >= 6 && m <= 9 ? 1.3 : 1),
  'urban.bbq_fumes': (m) => (m >= 6 && m <= 9 ? 2.5 : m === 5 || m === 10 ? 1 : 0.3),
  'noise.square_dance': (m) => (m >= 5 && m <= 9 ? 2 : m === 12 || m <= 2 ? 0.4 : 1),
  'water.low_pressure': (m) => (m >= 6 && m <= 8 ? 1.6 : 1),
  'water.pipe_burst': (m) => (m === 12 || m <= 2 ? 1.6 : 1),
  'power.outage': (m) => (m === 7 || m === 8 ? 2 : 1),
  'dispute.wage_arrears': (m) => (m === 12 || m === 1 ? 3 : 1),
};

/** Heating complaints: none outside the season, most in its first weeks and in January's cold. */
function heatingSeason(month: number, day: number): number {
  if (month === 11) return day >= 15 ? 1.6 : day >= 10 ? 0.15 : 0.02;
  if (month === 12 || month === 1) return 1.2;
  if (month === 2) return 0.9;
  if (month === 3) return day <= 15 ? 0.6 : 0.03;
  return 0.01;
}

export function categoryWeight(code: string, month: number, day: number): number {
  return (BASE[code] ?? 1) * (SEASON[code]?.(month, day) ?? 1);
}

/** Problems a grid worker sees on patrol; the small ones are fixed on the spot (随手做). */
const PATROL = /^(urban\.|safety\.|municipal\.|environment\.(dirty_spot|garbage_collection)|parking\.(illegal|abandoned|ground_lock)|pets\.dog_waste|property\.corridor_light)/;
const FIXABLE = /^(urban\.flyers|environment\.dirty_spot|safety\.corridor_clutter|pets\.dog_waste|parking\.ground_lock|urban\.street_vending)$/;
const OWNERS = /^(property\.|parking\.|environment\.greening)/;

export const isFixable = (code: string) => FIXABLE.test(code);

/** hotline ≈ 45%, resident app ≈ 25%, then phone, visits, patrols, Open311 and the owners' committee. */
export function channelFor(rng: Random, code: string): CaseChannel {
  return rng.weighted<CaseChannel>([
    ['hotline', 45],
    ['resident_app', 25],
    ['phone', 6],
    ['visit', 5],
    ['patrol', PATROL.test(code) ? 22 : 0],
    ['open311', 4],
    ['owners_committee', OWNERS.test(code) ? 12 : 0],
  ]);
}

const LEAD = /^(来电人反映|市民来电反映|来电反映|居民反映|居民来电|网格员上报|网格员巡查发现|巡查发现|业委会反映)[:：]\s*/;
const PREFIX: Record<CaseChannel, readonly string[]> = {
  hotline: ['来电人反映：', '市民来电反映：', '来电反映：', ''],
  phone: ['居民来电：', '居民来电反映：', ''],
  visit: ['居民来访反映：', '居民到社区反映：'],
  patrol: ['网格员巡查发现：', '巡查发现：'],
  resident_app: ['', '', ''],
  open311: [''],
  owners_committee: ['业委会反映：', '业委会代业主反映：'],
};
const SUFFIX = ['', '', '', '希望尽快处理。', '请相关部门尽快解决。', '之前反映过一次，还没解决。', '麻烦尽快安排人来看看。', '谢谢！'];

/** A shipped demand text of the category, lightly varied: a lead-in for the channel, sometimes a closing line. */
export function describe(rng: Random, texts: readonly string[], fallback: string, channel: CaseChannel): string {
  const base = texts.length ? rng.pick(texts).replace(LEAD, '') : fallback;
  const suffix = rng.pick(SUFFIX);
  const closed = /[。！？!?]$/.test(base) ? base : `${base}。`;
  return `${rng.pick(PREFIX[channel])}${suffix ? closed + suffix : base}`;
}

export const REPLIES: Record<'grid' | 'residents_committee' | 'property_company' | 'department', readonly string[]> = {
  grid: ['网格员已到现场处理完毕，并向居民说明情况。', '已现场查看并协调处理，问题已解决。', '已联系相关住户，现已整改到位。', '已清理完毕，后续纳入日常巡查。'],
  residents_committee: ['社区已组织协调，双方达成一致。', '已入户沟通并协助办理，居民表示认可。', '社区已安排专人跟进，问题已解决。', '已召集相关方协商处理，后续持续关注。'],
  property_company: ['物业已派维修人员上门处理完毕。', '已更换损坏部件，恢复正常使用。', '物业已安排保洁清理并加强巡查。', '已完成维修，并向业主说明后续维保安排。'],
  department: ['已派执法人员现场核查处置，问题已整改。', '已联系责任单位完成整改，并加强日常监管。', '经现场核实已依法处理，并向来电人反馈。', '已安排专业人员抢修完毕，恢复正常。'],
};
export const RETURN_REASONS = ['经核实不属于本单位职责范围，请重新派单', '问题位于其他单位管辖区域', '需产权单位处理，非本单位职责'];
export const UNRESOLVED_REASONS = ['涉及历史遗留问题，需区级立项解决，已上报', '产权不清，暂无法处理，已向居民解释说明', '需多部门联合处置，已纳入街道重点问题台账'];
export const NO_HANDLER_REASON = '辖区内暂无对应承办单位，已转区级热线';
export const WITHDRAW_REASONS = ['问题已自行解决', '误报，已与邻居沟通好', '不需要了，谢谢'];
export const REOPEN_REASONS = ['问题又出现了', '处理后没几天又坏了', '没有彻底解决，请再来看看'];
export const FIX_NOTES = ['已现场清理', '已当场劝离并恢复原状', '已现场处理完毕，拍照留存'];
