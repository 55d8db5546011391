import type { Gender, Housing, ImportKind, PoliticalStatus, Relationship } from '../../../platform/db/schema.js';

/**
 * The column layout shared by the template, the import and the export, so an exported file can be
 * edited and imported again. Headers are the Chinese names users see; keys are what the code uses.
 */

export const SHEET_NAMES: Record<ImportKind, string> = { households: '住户', residents: '居民' };
export const GUIDE_SHEET = '说明';

export const HOUSING_LABELS: Record<Housing, string> = { owned: '自有', rented: '租住', public: '公房', other: '其他' };
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  head: '户长',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  child_in_law: '儿媳女婿',
  tenant: '租户',
  other: '其他',
};
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女', unknown: '未知' };
export const POLITICAL_LABELS: Record<PoliticalStatus, string> = {
  cpc_member: '中共党员',
  cpc_probationary: '中共预备党员',
  cyl_member: '共青团员',
  democratic_party: '民主党派',
  masses: '群众',
};

export type HouseholdColumnKey = 'buildingCode' | 'unit' | 'room' | 'housing' | 'areaM2' | 'tags' | 'notes';
export type ResidentColumnKey =
  | 'buildingCode'
  | 'unit'
  | 'room'
  | 'name'
  | 'relationship'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'phone'
  | 'politicalStatus'
  | 'tags';
export type ColumnKey = HouseholdColumnKey | ResidentColumnKey;

export interface ColumnSpec<K extends string = ColumnKey> {
  key: K;
  header: string;
  /** The cell must be filled in every row; such a column must also be present in the header. */
  required: boolean;
  width: number;
  /** Text format, so Excel keeps leading zeros and all 18 digits of an ID number. */
  text?: boolean;
  /** Values of the drop-down list; 'tags' gets the active tag names at run time. */
  options?: readonly string[] | 'tags';
  help: { zh: string; en: string };
}

const labels = (record: Record<string, string>) => Object.values(record);

const location = (forResidents: boolean): ColumnSpec<'buildingCode' | 'unit' | 'room'>[] => [
  {
    key: 'buildingCode',
    header: '楼栋编码',
    required: true,
    width: 14,
    text: true,
    help: {
      zh: `必填。楼栋在组织架构中的编码，须在您的管辖范围内。${forResidents ? '楼栋编码、单元、房号须对应一个已登记的户（可先导入住户）。' : ''}`,
      en: `Required. The org-tree code of the building; it must lie in your area.${forResidents ? ' Building, unit and room must name a registered household (import households first).' : ''}`,
    },
  },
  {
    key: 'unit',
    header: '单元',
    required: false,
    width: 10,
    text: true,
    help: { zh: '选填。单元，如“1单元”；没有单元的楼栋留空。不超过 20 个字符。', en: 'Optional. Unit (entrance), e.g. "1单元"; empty when the building has none. Up to 20 characters.' },
  },
  {
    key: 'room',
    header: '房号',
    required: true,
    width: 10,
    text: true,
    help: { zh: '必填。房号，如“101”。不超过 20 个字符。', en: 'Required. Room number, e.g. "101". Up to 20 characters.' },
  },
];

const tagsColumn = (kind: string, kindEn: string): ColumnSpec<'tags'> => ({
  key: 'tags',
  header: '标签',
  required: false,
  width: 24,
  options: 'tags',
  help: {
    zh: `选填。多个标签用“、”或“,”分隔，可填中文名称或代码；须是启用中、适用于${kind}的标签。`,
    en: `Optional. Several tags separated by "、" or ","; Chinese names or codes of active tags that apply to ${kindEn}.`,
  },
});

export const HOUSEHOLD_COLUMNS: ColumnSpec<HouseholdColumnKey>[] = [
  ...location(false),
  {
    key: 'housing',
    header: '住房性质',
    required: true,
    width: 10,
    options: labels(HOUSING_LABELS),
    help: { zh: '必填。自有、租住、公房、其他 之一。', en: 'Required. One of 自有 owned, 租住 rented, 公房 public, 其他 other.' },
  },
  {
    key: 'areaM2',
    header: '专有部分面积(㎡)',
    required: false,
    width: 16,
    help: { zh: '选填。正数，最多两位小数，单位平方米。', en: 'Optional. A positive number of square metres, at most 2 decimals.' },
  },
  tagsColumn('住户', 'households'),
  {
    key: 'notes',
    header: '备注',
    required: false,
    width: 30,
    help: { zh: '选填。不超过 2000 字。', en: 'Optional. Up to 2,000 characters.' },
  },
];

export const RESIDENT_COLUMNS: ColumnSpec<ResidentColumnKey>[] = [
  ...location(true),
  {
    key: 'name',
    header: '姓名',
    required: true,
    width: 10,
    help: { zh: '必填。不超过 50 字。', en: 'Required. Up to 50 characters.' },
  },
  {
    key: 'relationship',
    header: '与户长关系',
    required: true,
    width: 12,
    options: labels(RELATIONSHIP_LABELS),
    help: {
      zh: `必填。${labels(RELATIONSHIP_LABELS).join('、')} 之一；每户只能有一名户长。`,
      en: 'Required. Relationship to the head of household (户长 head, 配偶 spouse, 子女 child, …); one head per household.',
    },
  },
  {
    key: 'gender',
    header: '性别',
    required: false,
    width: 8,
    options: labels(GENDER_LABELS),
    help: {
      zh: '选填。男、女、未知 之一；新居民留空时按身份证号推算，没有身份证号则为未知。',
      en: 'Optional. 男 male, 女 female or 未知 unknown; for a new resident an empty cell is taken from the ID number, else unknown.',
    },
  },
  {
    key: 'birthDate',
    header: '出生日期',
    required: false,
    width: 12,
    text: true,
    help: {
      zh: '选填。YYYY-MM-DD 或 Excel 日期；留空时按身份证号推算；与身份证号不一致时报错。',
      en: 'Optional. YYYY-MM-DD or an Excel date; taken from the ID number when empty; must agree with the ID number.',
    },
  },
  {
    key: 'idNumber',
    header: '身份证号',
    required: false,
    width: 22,
    text: true,
    help: {
      zh: '选填。18 位居民身份证号，校验位须正确；请以文本格式填写。含 * 的脱敏值表示不修改。',
      en: 'Optional. 18-character resident ID number with a valid check character; enter it as text. A masked value (with *) leaves it unchanged.',
    },
  },
  {
    key: 'phone',
    header: '手机号',
    required: false,
    width: 14,
    text: true,
    help: {
      zh: '选填。11 位手机号或带区号的固定电话。含 * 的脱敏值表示不修改。',
      en: 'Optional. 11-digit mobile or a fixed line with area code. A masked value (with *) leaves it unchanged.',
    },
  },
  {
    key: 'politicalStatus',
    header: '政治面貌',
    required: false,
    width: 12,
    options: labels(POLITICAL_LABELS),
    help: {
      zh: `选填。${labels(POLITICAL_LABELS).join('、')} 之一；新居民留空为群众。`,
      en: 'Optional. 中共党员 CPC member, 中共预备党员 probationary member, 共青团员 CYL member, 民主党派 democratic party, 群众 masses (default for a new resident).',
    },
  },
  tagsColumn('居民', 'residents'),
];

export function columnsOf(kind: ImportKind): ColumnSpec[] {
  return kind === 'households' ? HOUSEHOLD_COLUMNS : RESIDENT_COLUMNS;
}

export function headerOf(kind: ImportKind, key: ColumnKey): string {
  return columnsOf(kind).find((c) => c.key === key)?.header ?? key;
}

/** A sheet in the import layout: the data sheet's name, its columns and the rules on the 说明 sheet. */
export interface SheetLayout<K extends string = ColumnKey> {
  sheetName: string;
  columns: readonly ColumnSpec<K>[];
  rules: readonly { zh: string; en: string }[];
}

export function layoutOf(kind: ImportKind): SheetLayout {
  return { sheetName: SHEET_NAMES[kind], columns: columnsOf(kind), rules: GUIDE_RULES };
}

/** General rules printed at the top of the 说明 sheet. */
export const GUIDE_RULES: { zh: string; en: string }[] = [
  { zh: '第 1 行为列名，请勿修改；从第 2 行起每行一条记录。', en: 'Row 1 holds the column names; keep them. One record per row from row 2.' },
  {
    zh: '文件中任何一行有错误时整个文件都不会导入，并列出每个错误的行号、列名和原因。',
    en: 'If any row has an error nothing is imported, and every error is listed with its row, column and reason.',
  },
  {
    zh: '重复导入只更新有变化的数据，不会产生重复记录：住户按“楼栋编码+单元+房号”识别，居民按身份证号（没有时按所在户+姓名）识别。',
    en: 'Importing again only updates what changed and never duplicates: households are matched by building, unit and room; residents by ID number, else by household and name.',
  },
  { zh: '已有记录的选填单元格留空表示保持原值不变。', en: 'An empty optional cell keeps the existing value of a record already registered.' },
  {
    zh: '导出文件中的身份证号和手机号已脱敏（含 *），重新导入时保持原值不变。',
    en: 'Exported ID numbers and phones are masked (contain *); importing them again leaves the stored values unchanged.',
  },
];
