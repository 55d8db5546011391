import { isValidPhone, normalizePhone } from '../../../platform/crypto/pii.js';
import type { RowReader } from '../../org/exchange/row-reader.js';
import type { BuildingRef } from '../../org/exchange/repository.js';
import { pointInPolygon } from '../locate.js';
import { SubmitCaseBody } from '../schema.js';
import { MAX_WORK_ORDER_LENGTH, YES_NO_LABELS, type HotlineColumnKey } from './columns.js';
import type { CategoryRef, GridRef } from './repository.js';

/** Readers of single cells of a work-order row: each returns undefined for a blank cell or one in error (recorded). */

export type HotlineReader = RowReader<HotlineColumnKey>;

/** The hotline's times are Beijing wall-clock times (UTC+8 all year, as time-limits.ts counts days). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Clocks of the hotline system and ours may differ a little; later than this is "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.UTC(2000, 0, 1);
/** Digits beyond this are lost when Excel stores a number, as it does with a long number typed into a General cell. */
const EXACT_DIGITS = 1e15;

const TEXT_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Wall-clock milliseconds (as if UTC) of a valid calendar time, else undefined. */
function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? ms : undefined;
}

/**
 * 来电时间 as an instant. Excel date cells carry no zone (exceljs hands them over as if UTC), so
 * cells and text alike are read as Beijing time; serial numbers are rounded to the second.
 */
export function readReceivedAt(r: HotlineReader, now = Date.now()): Date | undefined {
  if (r.blank('receivedAt')) return r.fail('receivedAt', '必填项不能为空');
  const value = r.raw('receivedAt');
  let wall: number | undefined;
  if (value instanceof Date) wall = Math.round(value.getTime() / 1000) * 1000;
  else if (typeof value === 'number' && value > 0 && value < 2_958_466) wall = Math.round((EXCEL_EPOCH_MS + value * DAY_MS) / 1000) * 1000;
  else {
    const m = TEXT_TIME.exec(r.text('receivedAt'));
    if (m) wall = wallClock(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  }
  if (wall === undefined || Number.isNaN(wall)) return r.fail('receivedAt', '来电时间格式应为 YYYY-MM-DD HH:mm 或 Excel 日期时间');
  const at = wall - BEIJING_OFFSET_MS;
  if (at < EARLIEST) return r.fail('receivedAt', '来电时间不在合理范围内');
  if (at > now + CLOCK_SKEW_MS) return r.fail('receivedAt', '来电时间不能晚于当前时间');
  return new Date(at);
}

export function readWorkOrderNo(r: HotlineReader): string | undefined {
  const raw = r.raw('workOrderNo');
  if (typeof raw === 'number' && (raw >= EXACT_DIGITS || !Number.isInteger(raw))) {
    return r.fail('workOrderNo', '工单编号被 Excel 存成了数字，末几位可能已丢失；请将该列设为文本格式后重新填写');
  }
  const text = r.required('workOrderNo');
  if (text === undefined) return undefined;
  if (text.length > MAX_WORK_ORDER_LENGTH || /[\u0000-\u001f]/.test(text)) return r.fail('workOrderNo', `工单编号不能超过 ${MAX_WORK_ORDER_LENGTH} 个字符，且不能含控制字符`);
  return text;
}

export function readPhone(r: HotlineReader): string | undefined {
  if (r.blank('reporterPhone')) return undefined;
  const text = r.text('reporterPhone');
  return isValidPhone(text) ? normalizePhone(text) : r.fail('reporterPhone', '联系电话格式不正确（11 位手机号或带区号的固定电话）');
}

const reporterShape = SubmitCaseBody.shape.reporter.unwrap().shape;

export function readReporterName(r: HotlineReader): string | undefined {
  if (r.blank('reporterName')) return undefined;
  return r.check('reporterName', reporterShape.name, r.text('reporterName'), '来电人姓名不能超过 50 个字');
}

export function readDescription(r: HotlineReader): string | undefined {
  const text = r.required('description');
  return text === undefined ? undefined : r.check('description', SubmitCaseBody.shape.description, text, '诉求内容不能超过 4000 字');
}

export function readAddress(r: HotlineReader): string | undefined {
  if (r.blank('address')) return undefined;
  return r.check('address', SubmitCaseBody.shape.address, r.text('address'), '地址不能超过 300 字');
}

export function readConfidential(r: HotlineReader): boolean | undefined {
  const raw = r.raw('confidential');
  if (typeof raw === 'boolean') return raw;
  const text = r.text('confidential');
  if (text === '' || text === YES_NO_LABELS.no) return false;
  if (text === YES_NO_LABELS.yes) return true;
  return r.fail('confidential', '应为 是、否 之一');
}

/** Categories by code and by Chinese name (names may repeat under different parents). */
export class CategoryIndex {
  private readonly byCode = new Map<string, CategoryRef>();
  private readonly byName = new Map<string, CategoryRef[]>();

  constructor(categories: readonly CategoryRef[]) {
    for (const c of categories) {
      this.byCode.set(c.code, c);
      this.byName.set(c.nameZh, [...(this.byName.get(c.nameZh) ?? []), c]);
    }
  }

  code(code: string): CategoryRef | undefined {
    return this.byCode.get(code);
  }

  named(name: string): CategoryRef[] {
    return this.byName.get(name) ?? [];
  }
}

const usable = (c: CategoryRef) => c.active && c.leaf;

/** The category id of a filled 事项类别 cell: an active leaf, by code or by an unambiguous name. */
export function readCategory(r: HotlineReader, index: CategoryIndex): number | undefined {
  const text = r.text('category');
  const byCode = index.code(text);
  const candidates = byCode ? [byCode] : index.named(text);
  const fit = candidates.filter(usable);
  if (fit.length === 1) return fit[0]!.id;
  if (fit.length > 1) return r.fail('category', `类别名称“${text}”对应多个类别，请填写类别代码`);
  const [found] = candidates;
  if (!found) return r.fail('category', `事项类别“${text}”不存在`);
  if (!found.active) return r.fail('category', `事项类别“${text}”已停用`);
  return r.fail('category', `“${text}”不是末级类别，请填写其下的具体类别`);
}

function readCoordinate(r: HotlineReader, key: 'lon' | 'lat'): number | undefined {
  if (r.blank(key)) return undefined;
  const raw = r.raw(key);
  const value = typeof raw === 'number' ? raw : Number(r.text(key));
  const [name, limit] = key === 'lon' ? ['经度', 180] : ['纬度', 90];
  if (!Number.isFinite(value) || Math.abs(value) > limit) return r.fail(key, `${name}应为 -${limit} 到 ${limit} 之间的数字`);
  return value;
}

export interface PlacedBy {
  buildingId: number | null;
  /** The grid a point falls in; null when placed by building (its grid is the building's). */
  gridId: number | null;
  streetId: number;
  lat: number | null;
  lon: number | null;
}

/**
 * Where a work order is: a building in the caller's scope, else a point inside exactly one grid
 * of the caller's street. A building out of scope reads exactly like one that does not exist.
 */
export function readPlace(r: HotlineReader, buildings: Map<string, BuildingRef>, grids: readonly GridRef[]): PlacedBy | undefined {
  const code = r.text('buildingCode');
  const lonBlank = r.blank('lon');
  const latBlank = r.blank('lat');
  const lon = readCoordinate(r, 'lon');
  const lat = readCoordinate(r, 'lat');
  if (lonBlank !== latBlank) {
    r.fail(lonBlank ? 'lon' : 'lat', '经度和纬度须一起填写');
    return undefined;
  }
  const point = lon !== undefined && lat !== undefined ? { lon, lat } : null;
  if (code !== '') {
    const node = buildings.get(code);
    if (!node || node.streetId === null) return r.fail('buildingCode', '楼栋编码不存在或不在您的管辖范围内');
    if (node.kind !== 'building') return r.fail('buildingCode', '该编码不是楼栋');
    if (!lonBlank && !point) return undefined;
    return { buildingId: node.id, gridId: null, streetId: node.streetId, lat: point?.lat ?? null, lon: point?.lon ?? null };
  }
  if (lonBlank) return r.fail('buildingCode', '楼栋编码与经纬度须至少填写一项');
  if (!point) return undefined;
  const hits = grids.filter((g) => {
    const b = g.boundary as { type?: unknown; coordinates?: unknown } | null;
    return b?.type === 'Polygon' && Array.isArray(b.coordinates) && pointInPolygon(point.lon, point.lat, b as { coordinates: [number, number][][] });
  });
  if (hits.length === 0) return r.fail('lon', '该经纬度不在本街道的任何网格内');
  if (hits.length > 1) return r.fail('lon', '该经纬度落在多个网格的重叠处，请改填楼栋编码');
  const grid = hits[0]!;
  if (grid.streetId === null) return r.fail('lon', '该经纬度不在本街道的任何网格内');
  return { buildingId: null, gridId: grid.id, streetId: grid.streetId, lat: point.lat, lon: point.lon };
}
