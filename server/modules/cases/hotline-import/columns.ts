import type { Priority } from '../../../platform/db/schema-cases.js';
import type { ColumnSpec, SheetLayout } from '../../org/exchange/columns.js';

/**
 * The layout of a 12345 hotline work-order file, shared by the template and the import. Headers
 * are what the hotline's own exports call the fields; keys are what the code uses.
 */

export type HotlineColumnKey =
  | 'workOrderNo'
  | 'receivedAt'
  | 'reporterName'
  | 'reporterPhone'
  | 'description'
  | 'category'
  | 'priority'
  | 'buildingCode'
  | 'lon'
  | 'lat'
  | 'address'
  | 'confidential';

export const HOTLINE_SHEET = '工单';

export const PRIORITY_LABELS: Record<Priority, string> = { emergency: '紧急', high: '较急', normal: '一般', low: '不急' };
export const YES_NO_LABELS = { yes: '是', no: '否' } as const;

/** Work-order numbers longer than this are not hotline numbers. */
export const MAX_WORK_ORDER_LENGTH = 64;

export const HOTLINE_COLUMNS: ColumnSpec<HotlineColumnKey>[] = [
  {
    key: 'workOrderNo',
    header: '工单编号',
    required: true,
    width: 20,
    text: true,
    help: {
      zh: `必填。12345 热线的工单编号，文件内不能重复，不超过 ${MAX_WORK_ORDER_LENGTH} 个字符。已导入过的工单编号会被跳过，不会重复建诉求。`,
      en: `Required. The 12345 hotline work-order number, unique within the file, up to ${MAX_WORK_ORDER_LENGTH} characters. Numbers already imported are skipped, never duplicated.`,
    },
  },
  {
    key: 'receivedAt',
    header: '来电时间',
    required: true,
    width: 18,
    help: {
      zh: '必填。Excel 日期时间，或文本“YYYY-MM-DD HH:mm”（北京时间）；不能晚于当前时间。办理时限从来电时间起算。',
      en: 'Required. An Excel date-time, or text "YYYY-MM-DD HH:mm" (Beijing time); not in the future. Time limits run from this moment.',
    },
  },
  {
    key: 'reporterName',
    header: '来电人',
    required: false,
    width: 10,
    help: { zh: '选填。来电人姓名，不超过 50 字。', en: 'Optional. The caller\'s name, up to 50 characters.' },
  },
  {
    key: 'reporterPhone',
    header: '联系电话',
    required: false,
    width: 14,
    text: true,
    help: {
      zh: '选填。11 位手机号或带区号的固定电话；加密保存，默认脱敏显示。',
      en: 'Optional. 11-digit mobile or a fixed line with area code; stored encrypted and shown masked.',
    },
  },
  {
    key: 'description',
    header: '诉求内容',
    required: true,
    width: 50,
    help: { zh: '必填。来电反映的问题或诉求，不超过 4000 字。', en: 'Required. What the caller reported or asked for, up to 4,000 characters.' },
  },
  {
    key: 'category',
    header: '事项类别',
    required: false,
    width: 18,
    help: {
      zh: '选填。事项类别的代码或中文名称，须是启用中的末级类别。留空时按诉求内容自动推荐最可能的类别，导入结果中会列出推荐的条数。',
      en: 'Optional. Code or Chinese name of an active leaf category. When empty, the likeliest category is suggested from the text; the job summary counts how many were suggested.',
    },
  },
  {
    key: 'priority',
    header: '紧急程度',
    required: false,
    width: 10,
    options: Object.values(PRIORITY_LABELS),
    help: {
      zh: '选填。紧急、较急、一般、不急 之一；留空时取事项类别的默认紧急程度。',
      en: 'Optional. 紧急 emergency, 较急 high, 一般 normal or 不急 low; empty takes the category\'s default.',
    },
  },
  {
    key: 'buildingCode',
    header: '楼栋编码',
    required: false,
    width: 14,
    text: true,
    help: {
      zh: '楼栋编码与经纬度二选一必填。楼栋在组织架构中的编码，须在您的管辖范围内；诉求归入该楼栋所在网格。',
      en: 'Either the building code or longitude/latitude is required. The org-tree code of a building in your area; the case goes to that building\'s grid.',
    },
  },
  {
    key: 'lon',
    header: '经度',
    required: false,
    width: 12,
    help: {
      zh: '没有楼栋编码时必填，与纬度一起填写。WGS84 经度（如 116.397），须落在本街道的某个网格内。',
      en: 'Required without a building code, together with latitude. WGS84 longitude (e.g. 116.397) inside a grid of your street.',
    },
  },
  {
    key: 'lat',
    header: '纬度',
    required: false,
    width: 12,
    help: {
      zh: '没有楼栋编码时必填，与经度一起填写。WGS84 纬度（如 39.908）。',
      en: 'Required without a building code, together with longitude. WGS84 latitude (e.g. 39.908).',
    },
  },
  {
    key: 'address',
    header: '地址',
    required: false,
    width: 30,
    help: { zh: '选填。来电人描述的地址，原样保存，不超过 300 字。', en: 'Optional. The address as the caller gave it, kept as written; up to 300 characters.' },
  },
  {
    key: 'confidential',
    header: '是否保密',
    required: false,
    width: 10,
    options: Object.values(YES_NO_LABELS),
    help: {
      zh: '选填。是 或 否；“是”表示来电人要求保密，对外公开的信息中不出现来电人。留空为否。',
      en: 'Optional. 是 yes or 否 no; yes keeps the caller out of everything shown to the public. Empty means no.',
    },
  },
];

const RULES = [
  { zh: '第 1 行为列名，请勿修改；从第 2 行起每行一张工单。也可上传 UTF-8 编码的 CSV 文件，列名相同。', en: 'Row 1 holds the column names; keep them. One work order per row from row 2. A UTF-8 CSV file with the same headers works too.' },
  {
    zh: '文件中任何一行有错误时整个文件都不会导入，并列出每个错误的行号、列名和原因。',
    en: 'If any row has an error nothing is imported, and every error is listed with its row, column and reason.',
  },
  {
    zh: '每张工单按普通诉求受理：生成诉求编号、办理时限、时间线和审计记录，并计入三率统计。',
    en: 'Each work order is taken in like any other case: a case number, time limits, a timeline and an audit entry, and it counts in the three rates.',
  },
  {
    zh: '重复导入同一文件不会重复建诉求：已导入过的工单编号计为“已导入”并跳过。',
    en: 'Importing the same file again creates nothing twice: work-order numbers already imported are counted as already imported and skipped.',
  },
] as const;

export const HOTLINE_LAYOUT: SheetLayout<HotlineColumnKey> = { sheetName: HOTLINE_SHEET, columns: HOTLINE_COLUMNS, rules: RULES };
