import type pg from 'pg';

/**
 * `COPY … FROM STDIN` through a plain pg client, fed from an async source of text chunks
 * (COPY's text format: tab-separated columns, `\N` for null, one row a line). The pg driver has no
 * COPY API of its own; this is the submittable it accepts for protocols it does not know, the
 * same hook pg-copy-streams uses. Writes wait for the socket to drain, so memory stays flat.
 */
class CopyFromQuery {
  callback?: (err: Error | null, rows?: number) => void;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly source: AsyncIterable<string>,
  ) {}

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: PgConnection): Promise<void> {
    try {
      for await (const chunk of this.source) {
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once('drain', resolve));
      }
      connection.endCopyFrom();
    } catch (err) {
      connection.sendCopyFail(err instanceof Error ? err.message : String(err));
    }
  }

  handleCommandComplete(msg: { text?: string }): void {
    const n = /^COPY (\d+)/.exec(msg.text ?? '');
    if (n) this.rows = Number(n[1]);
  }

  handleReadyForQuery(): void {
    this.callback?.(null, this.rows);
  }

  handleError(err: Error): void {
    this.callback?.(err);
  }

  // Not sent in answer to COPY FROM; present because the client may call them on any query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
}

/** Streams `source` into `COPY <target> FROM STDIN`; resolves with the number of rows copied. */
export function copyFrom(client: pg.PoolClient | pg.Client, target: string, source: AsyncIterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new CopyFromQuery(`copy ${target} from stdin`, source);
    query.callback = (err, rows) => (err ? reject(err) : resolve(rows ?? 0));
    void (client as unknown as { query(q: CopyFromQuery): unknown }).query(query);
  });
}

/** What a COPY column may hold. */
export type CopyValue = string | number | boolean | Date | null;

/** COPYs `records` into the `columns` of `table`, each record's fields in that order; resolves with the rows copied. */
export function copyRecords<R extends { [K in C]: CopyValue }, C extends keyof R & string>(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly C[],
  records: Iterable<R>,
): Promise<number> {
  return copyFrom(client, `${table} (${columns.join(', ')})`, copyChunks((function* () { for (const r of records) yield columns.map((k) => r[k]); })()));
}

/** COPY text-format value: null as \N; backslash, tab and newlines escaped. */
export function copyValue(v: CopyValue): string {
  if (v === null) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Batches rows from `rows` into chunks of about `rowsPerChunk` lines of COPY text. */
export async function* copyChunks(rows: Iterable<readonly CopyValue[]>, rowsPerChunk = 2000): AsyncGenerator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map(copyValue).join('\t'));
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}
