import type { z } from 'zod';
import type { ImportKind, ImportRowError } from '../../../platform/db/schema.js';
import { headerOf, type ColumnKey, type ColumnSpec } from './columns.js';
import { isBlank, type CellPrimitive, type SheetRow } from './read-sheet.js';
import type { TagRow } from './repository.js';

/** Masked identity values in an exported file (e.g. 110***********002X) mean "leave unchanged". */
export function isMasked(text: string): boolean {
  return text.includes('*');
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as trimmed text: numbers as written, dates as YYYY-MM-DD, blank as ''. */
export function cellText(value: CellPrimitive | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  return String(value).trim();
}

/**
 * Reads the cells of one row and records every problem against its Excel row number and the
 * column's Chinese header. Each reader returns undefined for a blank cell or one in error.
 */
export class RowReader<K extends string = ColumnKey> {
  constructor(
    readonly sheetRow: SheetRow<K>,
    /** The archive kind whose headers name the columns, or the column specs of another layout. */
    private readonly columns: ImportKind | readonly ColumnSpec<K>[],
    private readonly errors: ImportRowError[],
  ) {}

  private header(key: K): string {
    if (typeof this.columns === 'string') return headerOf(this.columns, key as ColumnKey);
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  get row(): number {
    return this.sheetRow.row;
  }

  fail(key: K, reason: string): undefined {
    this.errors.push({ row: this.sheetRow.row, column: this.header(key), reason });
    return undefined;
  }

  raw(key: K): CellPrimitive | undefined {
    return this.sheetRow.cells[key];
  }

  blank(key: K): boolean {
    return isBlank(this.raw(key));
  }

  /** Trimmed text of the cell, '' when blank. */
  text(key: K): string {
    return cellText(this.raw(key));
  }

  /** Text of a required cell, or an error when it is empty. */
  required(key: K): string | undefined {
    const text = this.text(key);
    return text === '' ? this.fail(key, '必填项不能为空') : text;
  }

  /** Runs one of the API's zod field schemas, so the import accepts exactly what the API accepts. */
  check<S extends z.ZodType>(key: K, schema: S, input: unknown, reason: string): z.output<S> | undefined {
    const parsed = schema.safeParse(input);
    return parsed.success ? parsed.data : this.fail(key, reason);
  }

  /** A label from a fixed list (e.g. 自有 → owned); blank gives undefined, or an error when required. */
  choice<C extends string>(key: K, labels: Record<C, string>, required: boolean): C | undefined {
    const text = this.text(key);
    if (text === '') return required ? this.fail(key, '必填项不能为空') : undefined;
    for (const [code, label] of Object.entries(labels) as [C, string][]) {
      if (label === text || code === text) return code;
    }
    return this.fail(key, `应为 ${Object.values(labels).join('、')} 之一`);
  }

  /** A date as YYYY-MM-DD from an Excel date cell, a date serial number or text like 1980-01-02. */
  date(key: K): string | undefined {
    const value = this.raw(key);
    if (isBlank(value)) return undefined;
    let iso: string | undefined;
    if (value instanceof Date) iso = isoDate(value);
    else if (typeof value === 'number' && value > 0 && value < 2_958_466) iso = isoDate(new Date(EXCEL_EPOCH_MS + Math.round(value) * 86_400_000));
    else {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cellText(value));
      if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    }
    const d = iso ? new Date(`${iso}T00:00:00Z`) : undefined;
    if (!iso || !d || Number.isNaN(d.getTime()) || isoDate(d) !== iso) return this.fail(key, '日期格式应为 YYYY-MM-DD');
    if (iso < '1900-01-01' || d.getTime() > Date.now()) return this.fail(key, '日期不在合理范围内');
    return iso;
  }
}

/** Active tags that apply to one kind of record, found by Chinese name or code. */
export class TagCatalogue {
  private readonly byText = new Map<string, string>();

  constructor(tags: TagRow[], readonly kind: 'household' | 'resident') {
    for (const t of tags) {
      if (!t.active || (t.appliesTo !== kind && t.appliesTo !== 'both')) continue;
      this.byText.set(t.code, t.code);
      this.byText.set(t.nameZh, t.code);
    }
  }

  /** Codes for a cell like "独居老人、低保"; unknown names are returned separately. */
  resolve(text: string): { codes: string[]; unknown: string[] } {
    const codes: string[] = [];
    const unknown: string[] = [];
    for (const part of text.split(/[、,，;；]/)) {
      const name = part.trim();
      if (!name) continue;
      const code = this.byText.get(name);
      if (code === undefined) unknown.push(name);
      else if (!codes.includes(code)) codes.push(code);
    }
    return { codes, unknown };
  }
}

/** Tag codes to the Chinese names a user types, for exports (unknown codes stay as they are). */
export function tagNames(tags: TagRow[]): (codes: string[]) => string {
  const names = new Map(tags.map((t) => [t.code, t.nameZh]));
  return (codes) => codes.map((c) => names.get(c) ?? c).join('、');
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}
