/**
 * The owners' roll of a vote, built from the household archive when the vote opens.
 *
 * Eligible units are the estate's owned households (housing 'owned') plus the units the vote's
 * creator marked as unsold / held by the developer. An owner is identified by the resident who
 * heads an owned unit: one resident heading several owned units is ONE owner holding their summed
 * area. All developer-held units together are ONE owner. An owned unit with no head on record
 * still counts (its area and its owner cannot silently drop out of the denominators): it is an
 * owner of its own, who can vote by a paper ballot entered by staff.
 */

export interface ArchiveUnit {
  householdId: number;
  areaCents: bigint;
  address: string;
  headResidentId: number | null;
  headName: string | null;
  developerHeld: boolean;
}

export interface RollOwner {
  ownerKey: string;
  residentId: number | null;
  displayName: string;
  areaCents: bigint;
  isDeveloper: boolean;
  units: { householdId: number; areaCents: bigint }[];
}

export const DEVELOPER_OWNER_NAME = '建设单位（未售房屋）';

export function ownerKeyOf(unit: ArchiveUnit): string {
  if (unit.developerHeld) return 'developer';
  if (unit.headResidentId !== null) return `resident:${unit.headResidentId}`;
  return `household:${unit.householdId}`;
}

export function buildOwnerRoll(units: readonly ArchiveUnit[]): RollOwner[] {
  const owners = new Map<string, RollOwner>();
  for (const unit of units) {
    const key = ownerKeyOf(unit);
    let owner = owners.get(key);
    if (!owner) {
      owner = {
        ownerKey: key,
        residentId: unit.developerHeld ? null : unit.headResidentId,
        displayName: unit.developerHeld ? DEVELOPER_OWNER_NAME : (unit.headName ?? `${unit.address}（未登记户主）`),
        areaCents: 0n,
        isDeveloper: unit.developerHeld,
        units: [],
      };
      owners.set(key, owner);
    }
    owner.areaCents += unit.areaCents;
    owner.units.push({ householdId: unit.householdId, areaCents: unit.areaCents });
  }
  return [...owners.values()];
}
