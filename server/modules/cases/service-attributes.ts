import type { ServiceAttribute } from '../../platform/db/schema-cases.js';

const yesNo = [
  { key: 'yes', name: '是' },
  { key: 'no', name: '否' },
];

/**
 * Questions a category asks beyond the description (Open311 service-definition attributes), so
 * the handler knows the urgency before going out. Installed with the default catalogue.
 */
export const DEFAULT_SERVICE_ATTRIBUTES: Record<string, ServiceAttribute[]> = {
  'property.elevator': [
    { code: 'trapped', datatype: 'singlevaluelist', required: true, description: '是否有人被困 Is anyone trapped?', order: 1, values: yesNo },
    { code: 'unit', datatype: 'string', required: false, description: '单元号 Unit', order: 2 },
  ],
  'gas.leak': [{ code: 'smell_strength', datatype: 'singlevaluelist', required: true, description: '气味强度 How strong is the smell?', order: 1, values: [{ key: 'faint', name: '轻微' }, { key: 'strong', name: '明显' }, { key: 'very_strong', name: '很浓' }] }],
  'water.outage': [{ code: 'households_affected', datatype: 'number', required: false, description: '受影响户数 Households affected', order: 1 }],
  'heating.insufficient': [{ code: 'room_temperature', datatype: 'number', required: false, description: '室温（℃） Room temperature (°C)', order: 1 }],
};

/** Checks answers against a category's attributes; returns the problems (empty when fine). */
export function checkAttributeAnswers(attributes: ServiceAttribute[], answers: Record<string, string>): string[] {
  const problems: string[] = [];
  const known = new Map(attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(answers)) if (!known.has(code)) problems.push(`attribute[${code}] is not defined for this service`);
  for (const a of attributes) {
    const value = answers[a.code];
    if (value === undefined || value === '') {
      if (a.required) problems.push(`attribute[${a.code}] is required`);
      continue;
    }
    if (a.datatype === 'number' && !Number.isFinite(Number(value))) problems.push(`attribute[${a.code}] must be a number`);
    if (a.datatype === 'datetime' && Number.isNaN(Date.parse(value))) problems.push(`attribute[${a.code}] must be a date and time`);
    if (a.datatype === 'singlevaluelist' && !a.values?.some((v) => v.key === value)) problems.push(`attribute[${a.code}] must be one of ${a.values?.map((v) => v.key).join(', ')}`);
    if (a.datatype === 'multivaluelist' && value.split(',').some((v) => !a.values?.some((x) => x.key === v))) problems.push(`attribute[${a.code}] has an unknown value`);
  }
  return problems;
}
