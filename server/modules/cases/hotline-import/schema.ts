import { z } from 'zod';
import { ImportJobView } from '../../org/exchange/schema.js';

/** No text fields: the upload is the one file. */
export const HotlineImportForm = z.strictObject({});

export const HotlineImportSummary = z.object({
  created: z.number().describe('Cases taken in by this import'),
  alreadyImported: z.number().describe('Rows whose work-order number had already come in from the hotline: skipped'),
  suggestedCategory: z.number().describe('Cases created whose category was left blank and suggested from the text'),
});

export const HotlineImportJobView = ImportJobView.extend({
  kind: z.literal('hotline_cases'),
  summary: HotlineImportSummary,
});
