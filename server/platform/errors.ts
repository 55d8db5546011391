/** The one error type of the domain. Codes map to HTTP statuses in one table; messages in zh and en. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误', en: 'The input is not valid' },
  BAD_REQUEST: { status: 400, zh: '请求有误', en: 'Bad request' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已暂时锁定', en: 'Too many failed sign-ins; the account is locked for a while' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '找不到该资源', en: 'Not found' },
  ORG_NODE_NOT_FOUND: { status: 404, zh: '找不到该组织节点', en: 'Org node not found' },
  HOUSEHOLD_NOT_FOUND: { status: 404, zh: '找不到该户', en: 'Household not found' },
  RESIDENT_NOT_FOUND: { status: 404, zh: '找不到该居民', en: 'Resident not found' },
  IMPORT_NOT_FOUND: { status: 404, zh: '找不到该导入任务', en: 'Import not found' },
  CONFLICT: { status: 409, zh: '数据已被修改或已存在', en: 'Conflicting change' },
  VERSION_CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and retry' },
  DUPLICATE_HOUSEHOLD: { status: 409, zh: '该楼栋单元房号已登记', en: 'This building, unit and room is already registered' },
  DUPLICATE_ID_NUMBER: { status: 409, zh: '该身份证号已登记', en: 'This ID number is already registered' },
  HOUSEHOLD_HAS_HEAD: { status: 409, zh: '该户已有户长', en: 'The household already has a head' },
  INVALID_ID_NUMBER: { status: 400, zh: '身份证号无效', en: 'Invalid ID number' },
  INVALID_PHONE: { status: 400, zh: '手机号格式不正确', en: 'Invalid phone number' },
  INVALID_PASSWORD: { status: 400, zh: '新密码不符合要求', en: 'The new password does not meet the rules' },
  INVALID_TAG: { status: 400, zh: '未知的标签', en: 'Unknown tag' },
  INVALID_FILE: { status: 400, zh: '文件无法读取或格式不对', en: 'The file cannot be read or has the wrong format' },
  IMPORT_REJECTED: { status: 422, zh: '导入文件有错误，未导入任何数据', en: 'The file has errors; nothing was imported' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export type Lang = 'zh' | 'en';

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}
