import { DEFAULT_CATALOGUE } from '../cases/catalogue/default-catalogue.js';
import type { Random } from './random.js';

/** Names of the organisations around the demo street. */

/**
 * Functional departments that cases are dispatched to: exactly the departments the default
 * category catalogue names, so every category has a unit to go to. The first is the demo handler's.
 */
export const DEPARTMENTS: readonly string[] = [
  '城管执法队',
  ...new Set(DEFAULT_CATALOGUE.flatMap((e) => (e.department && e.department !== '城管执法队' ? [e.department] : []))),
];

export const PROPERTY_COMPANIES = [
  '安居物业服务有限公司',
  '和平物业管理有限公司',
  '万家宜居物业服务有限公司',
  '锦程物业管理有限公司',
] as const;

/** Co-building units stationed in a community (驻区单位): schools, clinics, banks, post offices. */
const PARTNER_UNITS = [
  (stem: string) => `${stem}小学`,
  (stem: string) => `${stem}幼儿园`,
  (stem: string) => `${stem}社区卫生服务站`,
  (stem: string) => `中国工商银行${stem}支行`,
  (stem: string) => `${stem}邮政支局`,
  (stem: string) => `示范区图书馆${stem}分馆`,
];

const SOCIAL_ORGS = [
  (stem: string) => `${stem}社区志愿服务队`,
  (stem: string) => `${stem}社区老年协会`,
  (stem: string) => `${stem}社区邻里互助会`,
  (stem: string) => `${stem}社区书画社`,
  (stem: string) => `${stem}社区文体队`,
];

export function partnerUnitNames(rng: Random, stem: string): string[] {
  return rng.shuffle(PARTNER_UNITS).slice(0, rng.int(2, 3)).map((name) => name(stem));
}

export function socialOrgNames(rng: Random, stem: string): string[] {
  return rng.shuffle(SOCIAL_ORGS).slice(0, rng.int(1, 3)).map((name) => name(stem));
}

/** A Beijing fixed line, 010-6xxxxxxx. */
export function officePhone(rng: Random): string {
  return `010-6${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** What a grid worker writes after a visit, and sometimes what must be followed up. */
export const VISIT_NOTES = {
  routine: [
    '了解家庭近况，无特殊诉求',
    '宣传垃圾分类政策，发放宣传单',
    '核实常住人口信息',
    '宣传防范电信诈骗知识',
    '征求对物业服务的意见',
    '了解就业和社保需求',
    '节日走访慰问',
    '宣传社区议事会活动安排',
  ],
  care: [
    '看望老人，身体状况良好',
    '询问老人用药和就医需求',
    '了解助餐、助浴服务需求',
    '检查家中燃气和用电安全',
    '送去慰问品，叮嘱注意防寒防暑',
  ],
  followUp: [
    ['反映楼道灯不亮', '联系物业维修楼道照明'],
    ['反映厨房下水道堵塞', '协调物业上门疏通'],
    ['咨询低保申请流程', '协助准备低保申请材料'],
    ['反映楼上漏水', '约物业与楼上住户共同查看'],
    ['希望参加社区助餐', '登记助餐服务并回访'],
    ['反映门前停车占道', '转城管执法队处理'],
  ],
} as const;
