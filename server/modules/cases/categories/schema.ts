import { z } from 'zod';
import { HandlerKind, Priority } from '../schema.js';

export const CategoryView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  handlerKind: HandlerKind.nullable(),
  department: z.string().nullable(),
  priority: Priority,
  responseMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  keywords: z.array(z.string()),
  active: z.boolean(),
});

const Minutes = z.number().int().min(1).max(365 * 24 * 60);
const Keywords = z.array(z.string().trim().min(1).max(20)).max(30);

export const UpdateCategoryBody = z
  .strictObject({
    nameZh: z.string().trim().min(1).max(40).optional(),
    nameEn: z.string().trim().min(1).max(80).optional(),
    handlerKind: HandlerKind.optional(),
    department: z.string().trim().min(1).max(40).nullable().optional(),
    priority: Priority.optional(),
    responseMinutes: Minutes.optional(),
    resolutionMinutes: Minutes.optional(),
    keywords: Keywords.optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => b.responseMinutes === undefined || b.resolutionMinutes === undefined || b.responseMinutes <= b.resolutionMinutes, {
    message: 'the response limit cannot exceed the resolution limit',
    path: ['responseMinutes'],
  });

export const CreateCategoryBody = z
  .strictObject({
    parentId: z.number().int().positive().nullable(),
    code: z.string().trim().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/).max(64),
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
    handlerKind: HandlerKind,
    department: z.string().trim().min(1).max(40).optional(),
    priority: Priority.default('normal'),
    responseMinutes: Minutes,
    resolutionMinutes: Minutes,
    keywords: Keywords.default([]),
  })
  .refine((b) => b.responseMinutes <= b.resolutionMinutes, { message: 'the response limit cannot exceed the resolution limit', path: ['responseMinutes'] })
  .refine((b) => (b.handlerKind === 'department') === (b.department !== undefined), { message: 'a department is named exactly when the handler is a department', path: ['department'] });

export const TimeLimitRule = z.strictObject({
  categoryId: z.number().int().positive().nullable(),
  priority: Priority,
  responseMinutes: Minutes,
  resolutionMinutes: Minutes,
});

export const SuggestBody = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  buildingId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  k: z.number().int().min(1).max(10).default(3),
});
