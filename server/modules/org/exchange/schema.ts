import { z } from 'zod';
import { ErrorResponse } from '../../../platform/http/schemas.js';
import { HouseholdQuery } from '../households/schema.js';

export const ImportKind = z.enum(['households', 'residents']);
export const ImportStatus = z.enum(['validating', 'importing', 'rejected', 'done', 'failed']);

export const TemplateQuery = z.strictObject({ kind: ImportKind });

/** The text fields of the multipart upload (the file travels beside them). */
export const ImportForm = z.strictObject({ kind: ImportKind });

export const ImportRowError = z.object({
  row: z.number().describe('Excel row number as the user sees it (the header is row 1)'),
  column: z.string().describe('Chinese column header'),
  reason: z.string(),
});

export const ImportJobView = z.object({
  id: z.number(),
  kind: ImportKind,
  status: ImportStatus,
  fileName: z.string(),
  totalRows: z.number(),
  /** Rows done in the current phase (validating, then importing). */
  processedRows: z.number(),
  errors: z.array(ImportRowError),
  summary: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  /** The platform error for a rejected or failed import, in the request's language. */
  error: ErrorResponse.shape.error.nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** The filters of GET /api/households, without paging. */
export const ExportQuery = HouseholdQuery.omit({ page: true, pageSize: true });

/** A binary .xlsx body; described for the API documentation only. */
export const XlsxFile = z.any().describe('An .xlsx workbook');
