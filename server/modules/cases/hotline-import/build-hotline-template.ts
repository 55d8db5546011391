import type { Caller } from '../../../platform/context.js';
import { scopeFor } from '../../../platform/permissions/scope.js';

/** The blank work-order template: who may import may download it. */
export function buildHotlineTemplate(options: Caller) {
  scopeFor(options.actor, 'case.manage');
  return { fileName: '12345工单导入模板.xlsx', asciiFileName: 'hotline-work-orders-template.xlsx' };
}
