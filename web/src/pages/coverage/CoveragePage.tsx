import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { getCoverage } from '../../api/archive';
import type { Coverage } from '../../api/types';
import { OrgNodeSelect } from '../../components/OrgNodeSelect';
import { useApi } from '../../components/useApi';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { CoverageTable } from './CoverageTable';

type GridRow = Coverage['grids'][number];

/** 走街不漏户: the share of households visited in the last 12 months, per community and per grid. */
export default function CoveragePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.coverage'));
  const format = useFormatters();
  const [searchParams, setSearchParams] = useSearchParams();
  const nodeId = searchParams.get('nodeId') ?? undefined;
  const { data, loading } = useApi((signal) => getCoverage(nodeId, signal), [nodeId], { keepPrevious: true });

  const communityNames = new Map((data?.communities ?? []).map((c) => [String(c.id), c.name]));

  return (
    <>
      <h1 className="page-title">
        {t('nav.coverage')}
      </h1>
      <div className="panel">
        <Form layout="inline">
          <Form.Item label={t('coverage.scope')} htmlFor="coverage-scope">
            <OrgNodeSelect
              id="coverage-scope"
              value={nodeId}
              leafKind="grid"
              placeholder={t('coverage.scopePlaceholder')}
              onChange={(next) => setSearchParams(next ? { nodeId: next } : {})}
            />
          </Form.Item>
        </Form>
        <p className="text-secondary" style={{ margin: '12px 0 0' }}>
          {data ? `${t('coverage.since', { date: format.date(data.since) })} · ` : ''}
          {t('coverage.target')}
        </p>
      </div>

      <section className="panel" aria-labelledby="coverage-communities">
        <h2 className="section-title" id="coverage-communities">
          {t('coverage.communities')}
        </h2>
        <CoverageTable rows={data?.communities ?? []} loading={loading} />
      </section>

      <section className="panel" aria-labelledby="coverage-grids">
        <h2 className="section-title" id="coverage-grids">
          {t('coverage.grids')}
        </h2>
        <CoverageTable<GridRow>
          rows={data?.grids ?? []}
          loading={loading}
          extraColumns={[
            {
              title: t('coverage.community'),
              dataIndex: 'communityId',
              render: (id: GridRow['communityId']) => communityNames.get(String(id)) ?? t('common.empty'),
            },
          ]}
        />
      </section>
    </>
  );
}
