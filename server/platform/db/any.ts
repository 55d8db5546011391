import { sql } from 'kysely';

// `= any(array)` binds one parameter however long the list; an `in (…)` list of thousands of
// parameters is several times slower, on PGlite most of all.

/** `column = anyId(ids)`: the column equals one of the ids. */
export const anyId = (values: readonly number[]) => sql<number>`any(${values}::bigint[])`;

/** `column = anyText(values)`: the column equals one of the strings. */
export const anyText = (values: readonly string[]) => sql<string>`any(${values}::text[])`;
