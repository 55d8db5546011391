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
  CASE_NOT_FOUND: { status: 404, zh: '找不到该诉求', en: 'Case not found' },
  CASE_INVALID_TRANSITION: { status: 409, zh: '该诉求当前状态下不能执行此操作', en: 'This action is not possible in the case\'s current state' },
  CASE_NOT_YOURS: { status: 403, zh: '该诉求不在您的办理范围内', en: 'This case is not assigned to your unit' },
  CATEGORY_NOT_FOUND: { status: 404, zh: '找不到该事项类别', en: 'Category not found' },
  UNKNOWN_CATEGORY: { status: 422, zh: '未知或已停用的事项类别', en: 'Unknown or inactive category' },
  NO_HANDLER: { status: 422, zh: '找不到该区域对应的承办单位', en: 'No handling unit is configured for this area and category' },
  LOCATION_UNKNOWN: { status: 422, zh: '无法确定诉求所在网格', en: 'The location does not fall in any grid' },
  ATTACHMENT_REJECTED: { status: 400, zh: '附件类型或大小不符合要求', en: 'The attachment type or size is not allowed' },
  IDEMPOTENCY_MISMATCH: { status: 422, zh: '同一幂等键用于了不同的请求', en: 'The Idempotency-Key was already used for a different request' },
  WHISTLE_NOT_FOUND: { status: 404, zh: '找不到该吹哨', en: 'Whistle not found' },
  WHISTLE_CLOSED: { status: 409, zh: '该吹哨已结束', en: 'The whistle is already closed' },
  NOT_SUMMONED: { status: 403, zh: '本单位未被召集', en: 'Your department was not summoned' },
  ALREADY_CHECKED_IN: { status: 409, zh: '本单位已报到', en: 'Your department has already checked in' },
  TOPIC_NOT_FOUND: { status: 404, zh: '找不到该议题', en: 'Topic not found' },
  TOPIC_NOT_COLLECTING: { status: 409, zh: '该议题已不在征集附议阶段', en: 'The topic no longer collects support' },
  TOPIC_ALREADY_SUPPORTED: { status: 409, zh: '您已附议过该议题', en: 'You already support this topic' },
  TOPIC_NOT_AWAITING_VETTING: { status: 409, zh: '该议题不在待审核状态', en: 'The topic is not awaiting vetting' },
  TOPIC_MERGE_TARGET_INVALID: { status: 409, zh: '不能合并到该议题', en: 'The topic cannot be merged into that topic' },
  TOPIC_NOT_ACCEPTED: { status: 409, zh: '议题未经党组织审核通过，不能列入议程', en: 'Only topics accepted in vetting can go on an agenda' },
  TOPIC_NOT_DELIBERATED: { status: 409, zh: '该议题尚未经会议协商', en: 'The topic has not been deliberated at a meeting yet' },
  TOPIC_RESOLUTIONS_OPEN: { status: 409, zh: '该议题的决议尚未全部落实', en: 'Not every resolution on this topic is done yet' },
  RESIDENT_ACCOUNT_REQUIRED: { status: 403, zh: '此操作需要居民身份账号', en: 'This needs an account linked to a resident' },
  MEETING_NOT_FOUND: { status: 404, zh: '找不到该会议', en: 'Meeting not found' },
  MEETING_CLOSED: { status: 409, zh: '会议已结束', en: 'The meeting is closed' },
  MEETING_FULL: { status: 409, zh: '会议报名人数已满', en: 'The meeting is fully booked' },
  MEETING_ALREADY_REGISTERED: { status: 409, zh: '您已报名该会议', en: 'You are already registered for this meeting' },
  MEETING_NOT_REGISTERED: { status: 403, zh: '您未报名也未受邀参加该会议', en: 'You are neither registered nor invited for this meeting' },
  MEETING_ALREADY_CHECKED_IN: { status: 409, zh: '您已签到', en: 'You have already checked in' },
  MEETING_MINUTES_REQUIRED: { status: 409, zh: '会议须先形成纪要才能结束', en: 'Record the minutes before closing the meeting' },
  CHECK_IN_TOKEN_INVALID: { status: 400, zh: '签到码无效', en: 'The check-in code is not valid' },
  CHECK_IN_TOKEN_EXPIRED: { status: 410, zh: '签到码已过期', en: 'The check-in code has expired' },
  COMMENT_WINDOW_CLOSED: { status: 409, zh: '当前不在意见征集时间内', en: 'Comments are not open at this time' },
  RESOLUTION_NOT_FOUND: { status: 404, zh: '找不到该决议', en: 'Resolution not found' },
  RESOLUTION_DONE: { status: 409, zh: '该决议已落实完毕', en: 'The resolution is already done' },
  TASK_NOT_FOUND: { status: 404, zh: '找不到该任务', en: 'Task not found' },
  TASK_DONE: { status: 409, zh: '该任务已完成', en: 'The task is already done' },
  ESTATE_NOT_FOUND: { status: 404, zh: '找不到该小区', en: 'Estate not found' },
  OWNERS_VOTE_NOT_FOUND: { status: 404, zh: '找不到该业主表决', en: 'Owners\' vote not found' },
  OWNERS_VOTE_NOT_DRAFT: { status: 409, zh: '表决已开始，不能再修改或重新开始', en: 'The vote has already been opened' },
  OWNERS_VOTE_NOT_OPEN: { status: 409, zh: '表决尚未开始', en: 'The vote is not open' },
  OWNERS_VOTE_CLOSED: { status: 409, zh: '表决已结束，不再接受投票', en: 'The vote is closed; no more ballots are accepted' },
  OWNERS_VOTE_NO_OWNERS: { status: 409, zh: '该小区没有可参与表决的业主', en: 'The estate has no eligible owners' },
  OWNERS_VOTE_AREA_MISSING: { status: 409, zh: '部分业主房屋缺少专有部分面积，请先补全户档案', en: 'Some owned units have no exclusive-part area in the archive' },
  OWNERS_VOTE_NOT_ELIGIBLE: { status: 403, zh: '您不在本次表决的业主名册中', en: 'You are not on the owners\' roll of this vote' },
  OWNERS_VOTE_OWNER_NOT_FOUND: { status: 404, zh: '业主名册中无此业主', en: 'No such owner on this vote\'s roll' },
  OWNERS_VOTE_DUPLICATE_BALLOT: { status: 409, zh: '该业主已投票，每位业主只能投一票', en: 'This owner has already voted; one ballot per owner' },
  OWNERS_VOTE_DUPLICATE_PAPER: { status: 409, zh: '该纸质表决票编号已录入', en: 'A paper ballot with this reference was already entered' },
  OWNERS_VOTE_PROXY_UNAUTHORIZED: { status: 403, zh: '没有登记的委托书，不能代为投票', en: 'No recorded authorization lets you vote for this owner' },
  OWNERS_VOTE_PROXY_EXISTS: { status: 409, zh: '该业主已登记委托代理人', en: 'A proxy is already recorded for this owner' },
  OWNERS_VOTE_RESULT_HIDDEN: { status: 409, zh: '表决结束前不公布结果', en: 'Results are hidden until the vote closes' },
  WHISTLE_DEPARTMENT_INVALID: { status: 422, zh: '只能召集本街道的职能部门', en: 'Only departments of the whistle\'s street can be summoned' },
  WHISTLE_NOT_BLOWER: { status: 403, zh: '只有吹哨人或本街道管理员可以结束吹哨或评价报到部门', en: 'Only the official who blew the whistle or an admin of its street may close it or rate the departments' },
  WHISTLE_STILL_OPEN: { status: 409, zh: '吹哨尚未结束，结束后才能评价报到部门', en: 'The whistle is still open; close it before rating the departments' },
  WHISTLE_ALREADY_RATED: { status: 409, zh: '该部门本次报到已评价，不能重复评价', en: 'This department has already been rated for this whistle' },
  DEPARTMENT_NOT_SUMMONED: { status: 404, zh: '该部门未被本次吹哨召集', en: 'That department was not summoned by this whistle' },
  RATE_UNIT_NOT_FOUND: { status: 404, zh: '找不到该统计单位', en: 'No such unit to report rates for' },
  REPORT_NOT_FOUND: { status: 404, zh: '找不到该报告', en: 'Report not found' },
  REPORT_NOT_READY: { status: 409, zh: '报告正在生成，请稍后再下载', en: 'The report is still being generated; download it once it is done' },
  REPORT_FAILED: { status: 409, zh: '报告生成失败，请重新生成', en: 'Generating the report failed; request it again' },
  REPORT_FORMAT_NOT_MADE: { status: 404, zh: '该报告没有生成这种格式的文件', en: 'The report was not made in that format' },
  REPORT_PERIOD_NOT_STARTED: { status: 422, zh: '该周期尚未开始，不能生成报告', en: 'That period has not begun yet' },
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '找不到该通知', en: 'Notification not found' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  IMPORT_FAILED: { status: 500, zh: '导入过程中出错，未导入任何数据', en: 'The import failed; nothing was imported' },
  EXPORT_TOO_LARGE: { status: 422, zh: '导出数据过多，请缩小范围后重试', en: 'Too many rows to export; narrow the selection' },
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
