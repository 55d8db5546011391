import type { Policy } from '../permissions.js';

/** The audit log is read by the street and by auditors; nobody writes it but the platform. */
export const auditPolicy: Policy = {
  'audit.read': ['street_admin', 'auditor'],
};
