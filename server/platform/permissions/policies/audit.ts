import type { RoleName } from '../../db/schema.js';

/** The audit log is read by the street and by auditors; nobody writes it but the platform. */
export const auditPolicy = {
  'audit.read': ['street_admin', 'auditor'],
} as const satisfies Record<string, readonly RoleName[]>;
