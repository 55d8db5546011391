import { z } from 'zod';

/** Who a category's cases go to first (首接负责): the grid, the residents' committee, the estate's property company or a functional department. */
export const HandlerKind = z.enum(['grid', 'residents_committee', 'property_company', 'department']);
export type HandlerKind = z.infer<typeof HandlerKind>;

export const CasePriority = z.enum(['emergency', 'high', 'normal', 'low']);
export type CasePriority = z.infer<typeof CasePriority>;

/** Stable, dotted, lower-case: `property.elevator`. Cases keep the code, so it never changes once used. */
export const CategoryCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

/**
 * One entry of the category catalogue (事项清单). Parents group leaves and carry no time limits;
 * cases always take a leaf, whose limits and handler apply.
 */
export const CatalogueEntry = z.object({
  code: CategoryCode,
  parentCode: CategoryCode.nullable(),
  nameZh: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(80),
  handlerKind: HandlerKind,
  /** The department's Chinese name; set exactly when handlerKind is 'department'. */
  department: z.string().min(1).max(40).optional(),
  priority: CasePriority,
  /** First contact with the resident. 0 on parents, which have no limits of their own. */
  responseMinutes: z.number().int().nonnegative(),
  resolutionMinutes: z.number().int().nonnegative(),
  /** Words that, found in a demand's text, are evidence for this category. */
  keywords: z.array(z.string().min(1).max(20)).max(30),
  /** Needs mediation, enforcement or several parties, so it gets the longer limit. */
  complex: z.boolean().optional(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

/** A demand's text and the leaf category staff gave it. */
export const TrainingExample = z.object({
  text: z.string().min(1).max(5000),
  category: CategoryCode,
});
export type TrainingExample = z.infer<typeof TrainingExample>;
