import { OrgNodeSelect } from '../../components/OrgNodeSelect';

interface Props {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
}

/** Picks a building of my scope, opening communities and grids level by level; only buildings can be chosen. */
export function BuildingSelect({ id, value, onChange, placeholder }: Props) {
  return (
    <OrgNodeSelect
      id={id}
      value={value === undefined ? undefined : String(value)}
      onChange={(next) => onChange?.(next === undefined ? undefined : Number(next))}
      placeholder={placeholder}
      selectableKind="building"
      style={{ minWidth: 0, width: '100%' }}
    />
  );
}
