import type { RoleName } from '../../db/schema.js';
import { archivePolicy } from './archive.js';
import { auditPolicy } from './audit.js';
import { casesPolicy } from './cases.js';
import { deliberationPolicy } from './deliberation.js';
import { orgPolicy } from './org.js';

/**
 * Every policy file of the platform. A module adds its own file beside these (what each
 * permission is for, and which roles hold it) and lists it here.
 */
export const POLICIES = [orgPolicy, archivePolicy, auditPolicy, casesPolicy, deliberationPolicy] as const;

type PermissionsOf<T> = T extends Record<infer K, readonly RoleName[]> ? K : never;
export type Permission = PermissionsOf<(typeof POLICIES)[number]> & string;
