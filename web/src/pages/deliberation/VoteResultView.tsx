import { Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { VOTE_CHOICES, type TestPair, type ThresholdTest, type VoteResult } from '../../api/deliberation';
import { currentLanguage } from '../../i18n';

/** One threshold test, its fraction exactly as the server counted it (never reduced, never a float). */
function TestLine({ test }: { test: ThresholdTest }) {
  const { t } = useTranslation();
  const requirement = t(`deliberation.votes.comparison.${test.comparison}`, { threshold: test.threshold });
  return (
    <li data-testid={`test-${test.measure}`} data-fraction={test.fraction}>
      {t('wb.labelValue', {
        label: t(`deliberation.votes.measure.${test.measure}`),
        value: t('deliberation.votes.test', { fraction: test.fraction, requirement }),
      })}{' '}
      <Tag variant="outlined">{test.passed ? t('deliberation.votes.passed') : t('deliberation.votes.failed')}</Tag>
    </li>
  );
}

function Pair({ title, pair }: { title: string; pair: TestPair }) {
  const { t } = useTranslation();
  return (
    <div>
      <strong>{title}</strong> <Tag variant="outlined">{pair.passed ? t('deliberation.votes.passed') : t('deliberation.votes.failed')}</Tag>
      <ul style={{ margin: '4px 0 0' }}>
        <TestLine test={pair.area} />
        <TestLine test={pair.owners} />
      </ul>
    </div>
  );
}

interface ShareRow {
  key: string;
  label: string;
  owners: number;
  areaM2: string;
}

/** The stored tally: totals, shares by choice, both art. 278 tests with exact fractions, and the rule applied. */
export function VoteResultView({ result }: { result: VoteResult }) {
  const { t } = useTranslation();
  const rows: ShareRow[] = [
    { key: 'totals', label: t('deliberation.votes.totals'), ...result.totals },
    { key: 'participating', label: t('deliberation.votes.participating'), ...result.participating },
    ...VOTE_CHOICES.map((c) => ({ key: c, label: t(`deliberation.votes.choice.${c}`), ...result.choices[c] })),
  ];
  const columns: TableColumnsType<ShareRow> = [
    { title: t('deliberation.votes.choices'), dataIndex: 'label' },
    { title: t('deliberation.votes.owner'), dataIndex: 'owners' },
    { title: t('deliberation.votes.area'), dataIndex: 'areaM2' },
  ];
  return (
    <section aria-labelledby="vote-result" data-testid="vote-result">
      <h2 id="vote-result" className="section-title">
        {t('deliberation.votes.result')}{' '}
        <Tag variant="outlined" data-outcome={result.outcome}>
          {t(`deliberation.votes.outcome.${result.outcome}`)}
        </Tag>
      </h2>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'rule', label: t('deliberation.votes.rule'), children: t(`deliberation.votes.ruleName.${result.rule}`) },
          { key: 'law', label: t('deliberation.votes.law'), children: result.law },
          { key: 'explanation', label: t('deliberation.votes.explanation'), children: currentLanguage() === 'en' ? result.explanation.en : result.explanation.zh },
        ]}
      />
      <Table<ShareRow> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} style={{ margin: '12px 0' }} />
      <Pair title={t('deliberation.votes.participation')} pair={result.participation} />
      {result.approval ? (
        <Pair title={t('deliberation.votes.approval')} pair={result.approval} />
      ) : (
        <p>{t('deliberation.votes.approvalSkipped')}</p>
      )}
      <p className="wb-muted">{t('deliberation.votes.fractionNote')}</p>
      <p className="wb-muted">
        {t('deliberation.votes.ballotCount', { count: result.ballotCount })} · {t('deliberation.votes.digest')}{' '}
        <code style={{ wordBreak: 'break-all' }}>{result.ballotsDigest}</code>
      </p>
    </section>
  );
}
