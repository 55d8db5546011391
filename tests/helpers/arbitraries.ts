import fc from 'fast-check';
import { makeIdNumber, makePhone } from './factories.js';

/**
 * fast-check arbitraries for hostile input. Every body is drawn half the time from a "clean"
 * generator (each field plausible, in any script, so requests reach the use case and the
 * database) and half the time from a "hostile" one (fields of the wrong type, any JSON, made-up
 * fields, or a body that is not an object at all).
 */

const awkward = fc.constantFrom('', ' ', '  padded  ', '0', '-1', '1e309', 'null', 'true', '[]', '{}', '<script>alert(1)</script>', "'; drop table household; --", '%_\\', '../../etc/passwd', '٣٤٥', '𠮷野家', '👨‍👩‍👧', 'ＡＢＣ', 'a\u0000b', 'x\udc00');
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: awkward },
  { weight: 1, arbitrary: fc.string({ minLength: 50, maxLength: 2500 }) },
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324));
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const json = fc.jsonValue({ maxDepth: 3 });

/** Text that fits a column of `max` characters, in any script. */
const fitting = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.max(1, Math.floor(max / 2)) }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
  );
const pastDate = fc.date({ min: new Date('1900-01-01'), max: new Date(Date.now() - 86_400_000), noInvalidDate: true });
const freshId = fc.constant(null).map(() => makeIdNumber());
const freshPhone = fc.constant(null).map(() => makePhone());
const codes = (...valid: string[]) => fc.constantFrom(...valid);

/** The building blocks, clean or hostile. */
function blocks(hostile: boolean) {
  /** A plausible value, or (hostile) sometimes a plausible mistake, a wrong type or any JSON. */
  const field = <T>(valid: fc.Arbitrary<T>, mistake?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    hostile
      ? fc.oneof({ weight: 4, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 2, arbitrary: mistake ?? scalar }, { weight: 1, arbitrary: scalar }, { weight: 1, arbitrary: json })
      : valid;
  const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
  const tags = field(
    fc.uniqueArray(codes('elderly_alone', 'low_income', 'volunteer', 'empty_nest', 'key_care'), { maxLength: 3 }),
    fc.array(codes('elderly_alone', 'no_such_tag', 'BAD TAG', 'x', ''), { minLength: 1, maxLength: 25 }),
  );
  const area = field(
    orNull(fc.oneof(fc.double({ min: 0.01, max: 99_999_999, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), codes('12.5', '99999999.99', '60'))),
    fc.oneof(fc.double({ min: -10, max: 2e8, noNaN: true }), fc.constantFrom(0, -1, '0', '0.00', '1e3', '88.888', ' 7 ', '-5')),
  );
  const isoDate = field(orNull(pastDate.map((d) => d.toISOString().slice(0, 10))), fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), codes('2023-02-29', '2024-13-01', '20240101')));
  const notes = (max: number) => field(orNull(fitting(max)), text);
  return { field, orNull, tags, area, isoDate, notes };
}

/** Adds up to two made-up fields to an object body, or replaces the body with anything at all. */
function roughen(body: fc.Arbitrary<unknown>) {
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), json, { maxKeys: 2 });
  return fc.oneof(
    { weight: 6, arbitrary: body },
    { weight: 1, arbitrary: fc.tuple(body, extra).map(([b, e]) => ({ ...e, ...(b as object), ...e })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** Half clean, half hostile. */
const either = (make: (b: ReturnType<typeof blocks>) => fc.Arbitrary<unknown>) => fc.oneof(make(blocks(false)), roughen(make(blocks(true))));

export const householdBody = (buildingIds: number[]) =>
  either(({ field, tags, area, notes }) =>
    fc.record(
      {
        buildingId: field(fc.constantFrom(...buildingIds), fc.constantFrom(1, 999_999, -3)),
        unit: field(fitting(20), text),
        room: field(fitting(20), text),
        housing: field(codes('owned', 'rented', 'public', 'other'), codes('castle', 'OWNED')),
        areaM2: area,
        tags,
        notes: notes(2000),
      },
      { requiredKeys: ['buildingId', 'room', 'housing'] },
    ),
  );

/** `version: 'CURRENT'` is replaced by the row's version at send time, so most edits go through. */
export const householdPatch = either(({ field, tags, area, notes }) =>
  fc.record(
    {
      version: field(fc.constant('CURRENT'), fc.constantFrom<unknown>(0, 1, 99, '1')),
      housing: field(codes('owned', 'rented', 'public'), codes('castle')),
      areaM2: area,
      tags,
      notes: notes(2000),
    },
    { requiredKeys: ['version'] },
  ),
);

const residentFields = ({ field, orNull, tags, isoDate }: ReturnType<typeof blocks>) =>
  fc.record(
    {
      name: field(fitting(50), text),
      gender: field(codes('male', 'female', 'unknown'), codes('other', 'M')),
      birthDate: isoDate,
      idNumber: field(orNull(freshId), fc.oneof(codes('110105194912310021', '11010519491231002x', '123', '110101200002300012', '110101209912310010'), text)),
      phone: field(orNull(fc.oneof(freshPhone, codes('+86 138-1234-5678', '010-12345678', '0755 1234 5678'))), fc.oneof(codes('12345', '1381234567x', '+1 202 555 0100'), text)),
      politicalStatus: field(codes('cpc_member', 'masses', 'cyl_member'), codes('anarchist')),
      tags,
    },
    { requiredKeys: [] },
  );

export const residentPatch = either((b) =>
  residentFields(b).chain((r) => b.field(fc.constant('CURRENT'), fc.constantFrom<unknown>(0, 1, 42)).map((version) => ({ version, ...r }))),
);

export const memberBody = (residentIds: number[]) =>
  either((b) => {
    const relationship = b.field(codes('head', 'spouse', 'child', 'tenant', 'other'), codes('boss'));
    const resident = residentFields(b).map((r) => ({ name: '新成员', gender: 'male', ...r }));
    return fc.oneof(
      { weight: 3, arbitrary: fc.record({ relationship, resident: b.field(resident) }) },
      { weight: 2, arbitrary: fc.record({ relationship, residentId: b.field(fc.constantFrom(...residentIds), fc.constantFrom<unknown>(999_999, 0)) }) },
      { weight: 1, arbitrary: fc.record({ relationship, resident, residentId: fc.constantFrom(...residentIds) }, { requiredKeys: [] }) },
    );
  });

export const visitBody = either(({ field, orNull, isoDate, notes }) =>
  fc.record(
    {
      visitedAt: field(
        fc.oneof(pastDate.map((d) => d.toISOString()), pastDate.map((d) => d.toISOString().replace('Z', '+08:00'))),
        fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), codes('2024-02-30T10:00:00Z', '2024-01-01', '2024-01-01T25:00:00Z', 'yesterday', '2099-01-01T00:00:00Z')),
      ),
      method: field(codes('home', 'phone', 'online', 'other'), codes('pigeon')),
      notes: field(fitting(200), text),
      followUp: notes(2000),
      followUpDue: isoDate,
    },
    { requiredKeys: ['visitedAt', 'method'] },
  ),
);

/** A path id: usually a real one, else any string. */
export const pathId = (validIds: number[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...validIds).map(String) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
    { weight: 1, arbitrary: fc.string({ maxLength: 25 }) },
    { weight: 1, arbitrary: fc.constantFrom('-1', '0', '1e3', '0x1f', '99999999999999999999', 'NaN', 'Infinity', ' 1', '1/../2') },
  );

/** A query string over known and made-up parameters, repeated keys included. */
export const query = (known: Record<string, fc.Arbitrary<string>>) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...Object.keys(known)).chain((k) => fc.tuple(fc.constant(k), known[k]!)) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(known)), fc.oneof(text, fc.integer().map(String))) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), text) },
      ),
      { maxLength: 4 },
    )
    .map((pairs) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(k, v);
      return params.toString();
    });

export const QUERY_VALUES = {
  q: fitting(50),
  tags: fc.uniqueArray(codes('elderly_alone', 'low_income', 'volunteer', 'no_such_tag'), { maxLength: 3 }).map((t) => t.join(',')),
  phone: fc.oneof(freshPhone, codes('13811110001', '138-1111-0001', '+8613811110001')),
  idNumber: fc.oneof(freshId, codes('11010519491231002x')),
  nodeId: fc.integer({ min: 1, max: 30 }).map(String),
  page: fc.integer({ min: 1, max: 100_000 }).map(String),
  pageSize: fc.integer({ min: 1, max: 200 }).map(String),
};

