import type { FastifyRequest } from 'fastify';
import type { Lang } from '../errors.js';

/** zh-CN unless the client prefers English. */
export function requestLanguage(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  if (!header) return 'zh';
  const first = header.split(',')[0]!.trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh';
}
