import { Button, Form, Input, Radio, Select, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { closeVote, enterPaperBallot, getVote, getVoteRoll, VOTE_CHOICES, type RollEntry, type VoteChoice, type VoteDetail } from '../../api/deliberation';
import { useAuth } from '../../app/auth';
import { useMessage } from '../../components/messages';
import { useApi } from '../../components/useApi';
import { SubmitError, useFormSubmit } from './useFormSubmit';
import { VoteResultView } from './VoteResultView';
import { ConfirmAction } from './ConfirmAction';
import { DetailDrawer } from './DetailDrawer';

interface PaperValues {
  ownerId: number;
  choice: VoteChoice;
  paperReference: string;
}

/** 录入纸质选票: an owner who has not voted, their choice, and the paper's reference. */
function PaperBallotForm({ voteId, roll, onDone }: { voteId: number; roll: RollEntry[]; onDone(): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<PaperValues>();
  const waiting = roll.filter((o) => !o.voted);
  const { busy, error, finish } = useFormSubmit(
    form,
    ['ownerId', 'choice', 'paperReference'],
    (v) => enterPaperBallot(voteId, { ownerId: v.ownerId, choice: v.choice, paperReference: v.paperReference.trim() }),
    () => {
      form.resetFields();
      void message.success(t('deliberation.votes.paperEntered'));
      onDone();
    },
  );
  if (waiting.length === 0) return <p>{t('deliberation.votes.allVoted')}</p>;
  return (
    <Form form={form} layout="vertical" onFinish={finish} data-testid="paper-ballot-form">
      <SubmitError error={error} />
      <Form.Item name="ownerId" label={t('deliberation.votes.paperOwner')} rules={[{ required: true, message: t('deliberation.votes.paperOwnerRequired') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={waiting.map((o) => ({ value: o.id, label: `${o.displayName}（${o.areaM2} m²）` }))} />
      </Form.Item>
      <Form.Item name="choice" label={t('deliberation.votes.paperChoice')} rules={[{ required: true, message: t('deliberation.votes.paperChoiceRequired') }]}>
        <Radio.Group options={VOTE_CHOICES.map((c) => ({ value: c, label: t(`deliberation.votes.choice.${c}`) }))} />
      </Form.Item>
      <Form.Item
        name="paperReference"
        label={t('deliberation.votes.paperReference')}
        rules={[{ required: true, whitespace: true, message: t('deliberation.votes.paperReferenceRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy}>
        {t('deliberation.votes.paperBallot')}
      </Button>
    </Form>
  );
}

function Roll({ roll }: { roll: RollEntry[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<RollEntry> = [
    {
      title: t('deliberation.votes.owner'),
      key: 'owner',
      render: (_, o) => (
        <>
          {o.displayName}
          {o.isDeveloper && <Tag style={{ marginInlineStart: 6 }}>{t('deliberation.votes.developer')}</Tag>}
          {o.proxy && <div className="wb-muted">{t('deliberation.votes.proxy', { name: o.proxy.proxyName, ref: o.proxy.authorizationRef })}</div>}
        </>
      ),
    },
    { title: t('deliberation.votes.area'), dataIndex: 'areaM2' },
    { title: t('deliberation.votes.units'), dataIndex: 'unitCount' },
    { title: t('deliberation.votes.status'), dataIndex: 'voted', render: (v: boolean) => (v ? t('deliberation.votes.voted') : t('deliberation.votes.notVoted')) },
  ];
  return <Table<RollEntry> size="small" rowKey="id" columns={columns} dataSource={roll} pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }} />;
}

/** Staff's side of an open vote: the roll, paper ballots, and closing it to count. */
function ManageOpenVote({ vote, onChanged }: { vote: VoteDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const roll = useApi((signal) => getVoteRoll(vote.id, signal), [vote.id], { keepPrevious: true });
  const close = async () => {
    await closeVote(vote.id);
    void message.success(t('deliberation.votes.closedDone'));
    onChanged();
  };
  return (
    <>
      <section aria-labelledby="vote-roll">
        <h2 id="vote-roll" className="section-title">
          {t('deliberation.votes.roll')}
        </h2>
        {roll.data ? <Roll roll={roll.data.items} /> : <Spin />}
      </section>
      <section aria-labelledby="vote-paper">
        <h2 id="vote-paper" className="section-title">
          {t('deliberation.votes.paperBallot')}
        </h2>
        {roll.data && (
          <PaperBallotForm
            voteId={vote.id}
            roll={roll.data.items}
            onDone={() => {
              roll.reload();
            }}
          />
        )}
      </section>
      <ConfirmAction label={t('deliberation.votes.close')} confirm={t('deliberation.votes.closeConfirm')} run={close} />
    </>
  );
}

/** One owners' vote: its roll size, and either the ballots being gathered or the result. */
export function VoteDrawer({ voteId, onClose, onChanged }: { voteId: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const vote = useApi((signal) => getVote(voteId, signal), [voteId], { keepPrevious: true });
  const v = vote.data;
  return (
    <DetailDrawer title={v?.title ?? t('deliberation.votes.detailTitle')} loaded={!!v} onClose={onClose}>
      {v && (
        <>
          <div>
            <Tag variant="outlined">{t(`deliberation.votes.statusValue.${v.status}`)}</Tag>
            <Tag variant="outlined">{t(`deliberation.votes.ruleName.${v.rule}`)}</Tag>
            <p>{t('wb.labelValue', { label: t('deliberation.votes.estate'), value: v.estateName })}</p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{v.description}</p>
            <p data-testid="roll-size">
              {v.totalOwners === null || v.totalAreaM2 === null
                ? t('deliberation.votes.rollNotYet')
                : t('deliberation.votes.rollSize', { owners: v.totalOwners, area: v.totalAreaM2 })}
            </p>
          </div>
          {v.status === 'open' && can('vote.manage') && (
            <ManageOpenVote
              vote={v}
              onChanged={() => {
                vote.reload();
                onChanged();
              }}
            />
          )}
          {v.result && <VoteResultView result={v.result} />}
        </>
      )}
    </DetailDrawer>
  );
}
