import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getOrgNode, listOrgNodes } from '../api/org';
import type { OrgNodeKind, OrgNodeSummary } from '../api/types';
import { useShowError } from './useApi';

/** A row of antd's "simple mode" tree data: a flat list linked by pId. */
interface FlatNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const KIND_ORDER: OrgNodeKind[] = ['district', 'street', 'community', 'grid', 'building'];

function toFlat(
  node: Pick<OrgNodeSummary, 'id' | 'parentId' | 'kind' | 'name' | 'childCount'>,
  leafKind: OrgNodeKind,
  selectableKind: OrgNodeKind | undefined,
): FlatNode {
  const atLeafLevel = KIND_ORDER.indexOf(node.kind) >= KIND_ORDER.indexOf(leafKind);
  return {
    id: String(node.id),
    pId: node.parentId === null ? null : String(node.parentId),
    value: String(node.id),
    title: node.name,
    isLeaf: atLeafLevel || node.childCount === 0,
    selectable: selectableKind === undefined || node.kind === selectableKind,
  };
}

function merge(current: FlatNode[], added: FlatNode[]): FlatNode[] {
  const known = new Set(current.map((n) => n.id));
  return [...current, ...added.filter((n) => !known.has(n.id))];
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Nodes of this kind are offered but not opened (e.g. 'grid' when buildings make no sense). */
  leafKind?: OrgNodeKind;
  /** Only nodes of this kind can be chosen (the others still open); any kind when omitted. */
  selectableKind?: OrgNodeKind;
  style?: React.CSSProperties;
}

/** Picks one org node of the user's scope; the tree loads level by level as it is opened. */
export function OrgNodeSelect({ id, value, onChange, placeholder, leafKind = 'building', selectableKind, style }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [nodes, setNodes] = useState<FlatNode[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    listOrgNodes(undefined, controller.signal).then(
      (roots) => setNodes((current) => merge(current, roots.map((n) => toFlat(n, leafKind, selectableKind)))),
      (error: unknown) => showError(error),
    );
    return () => controller.abort();
  }, [leafKind, selectableKind, showError]);

  // A node chosen elsewhere (e.g. ?nodeId= from the org tree page) needs its name to be shown.
  useEffect(() => {
    if (!value || nodes.some((n) => n.id === value)) return;
    const controller = new AbortController();
    getOrgNode(value, controller.signal).then(
      ({ node }) => setNodes((current) => merge(current, [toFlat(node, leafKind, selectableKind)])),
      () => undefined, // an unknown id stays shown as typed; the list request reports the error
    );
    return () => controller.abort();
    // Only a new value needs a lookup; nodes loading later must not trigger one again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, leafKind, selectableKind]);

  const loadData = async (node: { value?: string | number }) => {
    if (node.value === undefined) return;
    try {
      const children = await listOrgNodes(node.value);
      setNodes((current) => merge(current, children.map((n) => toFlat(n, leafKind, selectableKind))));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <TreeSelect<string>
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
      style={{ minWidth: 220, ...style }}
    />
  );
}
