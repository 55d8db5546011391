import { Breadcrumb, Button, Descriptions, Space, Spin, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { getOrgNode } from '../../api/org';
import type { OrgNodeDetail } from '../../api/types';
import { useAuth } from '../../app/auth';
import { LinkButton } from '../../components/LinkButton';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';

type PartyOrgRow = OrgNodeDetail['partyOrgs'][number];
type StaffRow = OrgNodeDetail['staff'][number];
type OrganisationRow = OrgNodeDetail['organisations'][number];


/** The right pane of the org tree page: what one node is and who works there. */
export function OrgNodeDetailPane({ id, onSelect }: { id: string; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormatters();
  const { data, loading } = useApi((signal) => getOrgNode(id, signal), [id]);

  if (!data) return loading ? <Spin /> : null;
  const { node, ancestors, partyOrgs, staff, organisations } = data;
  const empty = t('common.empty');

  return (
    <section aria-labelledby="org-node-heading" className="panel" aria-busy={loading}>
      {ancestors.length > 0 && (
        <Breadcrumb
          aria-label={t('org.ancestors')}
          items={ancestors.map((a) => ({
            key: String(a.id),
            title: (
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onSelect(String(a.id))}>
                {a.name}
              </Button>
            ),
          }))}
        />
      )}
      <h2 className="section-title" id="org-node-heading">
        {node.name}
      </h2>

      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'kind', label: t('org.kind'), children: t(`enums.orgKind.${node.kind}`) },
          { key: 'code', label: t('org.code'), children: node.code },
          { key: 'name', label: t('org.name'), children: node.name },
          { key: 'address', label: t('org.address'), children: node.address ?? empty },
          { key: 'children', label: t('org.childCount'), children: format.number(node.childCount) },
          { key: 'households', label: t('org.householdCount'), children: format.number(node.householdCount) },
        ]}
      />

      {can('household.read') && (
        <Space wrap style={{ marginTop: 16 }}>
          <LinkButton to={`/households?nodeId=${encodeURIComponent(String(node.id))}`}>{t('org.viewHouseholds')}</LinkButton>
          {node.kind !== 'building' && (
            <LinkButton to={`/coverage?nodeId=${encodeURIComponent(String(node.id))}`}>{t('org.viewCoverage')}</LinkButton>
          )}
        </Space>
      )}

      <h3 className="subsection-title">
        {t('org.partyOrgs')}
      </h3>
      <Table<PartyOrgRow>
        size="small"
        rowKey={(row) => String(row.id)}
        pagination={false}
        dataSource={partyOrgs}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.kind'), dataIndex: 'kind', render: (kind: PartyOrgRow['kind']) => t(`enums.partyOrgKind.${kind}`) },
          { title: t('org.secretary'), dataIndex: 'secretary', render: (v: string | null) => v ?? empty },
          { title: t('org.memberCount'), dataIndex: 'memberCount', align: 'right', render: (v: number) => format.number(v) },
        ]}
      />

      <h3 className="subsection-title">
        {t('org.staff')}
      </h3>
      <Table<StaffRow>
        size="small"
        rowKey={(row) => String(row.id)}
        pagination={false}
        dataSource={staff}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.kind'), dataIndex: 'kind', render: (kind: StaffRow['kind']) => t(`enums.staffKind.${kind}`) },
          { title: t('org.staffTitle'), dataIndex: 'title', render: (v: string | null) => v ?? empty },
          {
            title: t('org.employment'),
            dataIndex: 'employment',
            render: (v: StaffRow['employment']) => (v ? t(`enums.employment.${v}`) : empty),
          },
        ]}
      />

      <h3 className="subsection-title">
        {t('org.organisations')}
      </h3>
      <Table<OrganisationRow>
        size="small"
        rowKey={(row) => String(row.id)}
        pagination={false}
        dataSource={organisations}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('org.kind'),
            dataIndex: 'kind',
            render: (kind: OrganisationRow['kind']) => t(`enums.organisationKind.${kind}`, { defaultValue: kind }),
          },
        ]}
      />
    </section>
  );
}
