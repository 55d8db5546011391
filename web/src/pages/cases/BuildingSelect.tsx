import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOrgNodes } from '../../api/org';
import type { OrgNodeSummary } from '../../api/types';
import { useShowError } from '../../components/useApi';

interface FlatNode {
  id: string;
  pId: string | null;
  value: number;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const toFlat = (node: OrgNodeSummary): FlatNode => ({
  id: String(node.id),
  pId: node.parentId === null ? null : String(node.parentId),
  value: Number(node.id),
  title: node.name,
  isLeaf: node.kind === 'building' || node.childCount === 0,
  selectable: node.kind === 'building',
});

const merge = (current: FlatNode[], added: FlatNode[]) => {
  const known = new Set(current.map((n) => n.id));
  return [...current, ...added.filter((n) => !known.has(n.id))];
};

interface Props {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
}

/** Picks a building of my scope, opening communities and grids level by level; only buildings can be chosen. */
export function BuildingSelect({ id, value, onChange, placeholder }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [nodes, setNodes] = useState<FlatNode[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    listOrgNodes(undefined, controller.signal).then(
      (roots) => setNodes((current) => merge(current, roots.map(toFlat))),
      (error: unknown) => showError(error),
    );
    return () => controller.abort();
  }, [showError]);

  const loadData = async (node: { value?: string | number }) => {
    if (node.value === undefined) return;
    try {
      const children = await listOrgNodes(node.value);
      setNodes((current) => merge(current, children.map(toFlat)));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <TreeSelect<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      placeholder={placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      notFoundContent={t('common.empty')}
    />
  );
}
