import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorMessage, type ErrorCode } from '../errors.js';
import { requestLanguage } from './language.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** One error shape for every failure; 5xx details stay in the log, never in the response. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const lang = requestLanguage(request);
    let code: ErrorCode;
    let details: unknown;
    if (err instanceof AppError) {
      code = err.code;
      details = err.details;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      code = 'VALIDATION_FAILED';
      details = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message,
      }));
    } else if (isResponseSerializationError(err)) {
      code = 'INTERNAL';
    } else if (err.code && FASTIFY_CODES[err.code]) {
      code = FASTIFY_CODES[err.code]!;
      if (code === 'BAD_REQUEST' || code === 'VALIDATION_FAILED') details = err.message;
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      code = err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : err.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      details = err.message;
    } else {
      code = 'INTERNAL';
    }
    const appError = new AppError(code, details);
    if (appError.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code, details }, 'request rejected');
    const body: ErrorBody = { error: { code, message: errorMessage(code, lang), ...(details === undefined ? {} : { details }) } };
    void reply.status(appError.status).send(body);
  });
}
