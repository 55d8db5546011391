import type { Executor } from '../../../platform/db/transaction.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import { CreateHouseholdBody, HouseholdFields } from '../households/schema.js';
import type { SheetRow } from './read-sheet.js';
import { listTags, nodesByCodeInScope, type BuildingRef, type TagRow } from './repository.js';
import { cellText, type RowReader, type TagCatalogue } from './row-reader.js';

/** What both sheets look up once per file: the buildings named in it (in scope) and the tag set. */
export interface SheetContext {
  buildings: Map<string, BuildingRef>;
  tags: TagRow[];
}

export async function loadSheetContext(db: Executor, scope: Scope, rows: readonly SheetRow[]): Promise<SheetContext> {
  const codes = new Set<string>();
  for (const r of rows) {
    const code = cellText(r.cells.buildingCode);
    if (code) codes.add(code);
  }
  const [nodes, tags] = await Promise.all([nodesByCodeInScope(db, scope, [...codes]), listTags(db)]);
  return { buildings: new Map(nodes.map((n) => [n.code, n])), tags };
}

export function householdKey(buildingId: number, unit: string, room: string): string {
  return `${buildingId}\u0000${unit}\u0000${room}`;
}

export interface Location {
  building: BuildingRef;
  unit: string;
  room: string;
  key: string;
}

/** Building code, unit and room of a row; a building out of scope reads exactly like one that does not exist. */
export function readLocation(r: RowReader, buildings: Map<string, BuildingRef>): Location | undefined {
  const code = r.required('buildingCode');
  const unit = r.check('unit', CreateHouseholdBody.shape.unit, r.text('unit'), '单元不能超过 20 个字符');
  const roomText = r.required('room');
  const room = roomText === undefined ? undefined : r.check('room', CreateHouseholdBody.shape.room, roomText, '房号不能超过 20 个字符');
  let building: BuildingRef | undefined;
  if (code !== undefined) {
    const node = buildings.get(code);
    if (!node) r.fail('buildingCode', '楼栋编码不存在或不在您的管辖范围内');
    else if (node.kind !== 'building') r.fail('buildingCode', '该编码不是楼栋');
    else building = node;
  }
  if (!building || unit === undefined || room === undefined) return undefined;
  return { building, unit, room, key: householdKey(building.id, unit, room) };
}

/** Tag names or codes of a cell; undefined when blank (keep) or in error. */
export function readTags(r: RowReader, catalogue: TagCatalogue): string[] | undefined {
  if (r.blank('tags')) return undefined;
  const { codes, unknown } = catalogue.resolve(r.text('tags'));
  const what = catalogue.kind === 'household' ? '住户' : '居民';
  if (unknown.length) return r.fail('tags', `标签${unknown.map((u) => `“${u}”`).join('、')}不存在、已停用或不适用于${what}`);
  return r.check('tags', HouseholdFields.tags, codes, '标签最多 20 个');
}
