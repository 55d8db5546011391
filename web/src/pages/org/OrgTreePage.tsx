import { Col, Empty, Row, Spin, Tree, type TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { listOrgNodes } from '../../api/org';
import type { OrgNodeSummary } from '../../api/types';
import { useApi, useShowError } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { OrgNodeDetailPane } from './OrgNodeDetailPane';

interface OrgTreeNode extends TreeDataNode {
  key: string;
  node: OrgNodeSummary;
  children?: OrgTreeNode[];
}

function toTreeNode(node: OrgNodeSummary): OrgTreeNode {
  return { key: String(node.id), node, isLeaf: node.childCount === 0 };
}

function withChildren(list: OrgTreeNode[], key: string, children: OrgTreeNode[]): OrgTreeNode[] {
  return list.map((item) => {
    if (item.key === key) return { ...item, children };
    if (item.children) return { ...item, children: withChildren(item.children, key, children) };
    return item;
  });
}

/** The org tree of the user's scope (children load on expand) beside the selected node's detail. */
export default function OrgTreePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.orgTree'));
  const showError = useShowError();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('nodeId') ?? undefined;

  const roots = useApi((signal) => listOrgNodes(undefined, signal), []);
  const [treeData, setTreeData] = useState<OrgTreeNode[]>([]);
  useEffect(() => setTreeData((roots.data ?? []).map(toTreeNode)), [roots.data]);

  const loadChildren = async (treeNode: OrgTreeNode) => {
    if (treeNode.children) return;
    try {
      const children = (await listOrgNodes(treeNode.node.id)).map(toTreeNode);
      setTreeData((current) => withChildren(current, treeNode.key, children));
    } catch (error) {
      showError(error);
      throw error; // lets the tree allow another try on the next expand
    }
  };

  const select = (id: string) => setSearchParams(id ? { nodeId: id } : {}, { replace: false });

  return (
    <>
      <h1 className="page-title">
        {t('nav.orgTree')}
      </h1>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={9}>
          <section aria-labelledby="org-tree-heading" className="panel">
            <h2 className="section-title" id="org-tree-heading">
              {t('org.treeLabel')}
            </h2>
            {roots.loading ? (
              <Spin />
            ) : treeData.length === 0 ? (
              <Empty description={t('org.noRoots')} />
            ) : (
              <Tree<OrgTreeNode>
                treeData={treeData}
                loadData={loadChildren}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (key !== undefined) select(String(key));
                }}
                titleRender={(item) => (
                  <span>
                    {item.node.name}{' '}
                    <span className="text-secondary">({t(`enums.orgKind.${item.node.kind}`)})</span>
                  </span>
                )}
                showLine
                blockNode
              />
            )}
          </section>
        </Col>
        <Col xs={24} lg={15}>
          {selectedId ? (
            <OrgNodeDetailPane id={selectedId} onSelect={select} />
          ) : (
            <Empty description={t('org.selectHint')} />
          )}
        </Col>
      </Row>
    </>
  );
}
