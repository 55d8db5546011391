import { Button, Form, Radio } from 'antd';
import { castBallot, VOTE_CHOICES, type VoteChoice, type VoteDetail } from '../../api/deliberation';
import { useFormatters } from '../../i18n/format';
import { SubmitError, useFormSubmit } from '../deliberation/useFormSubmit';
import { usePortalT } from './usePortalT';

/** 业主表决: an owner on the vote's roll votes for, against, or abstains — once, online. */
export function BallotCard({ vote, onVoted }: { vote: VoteDetail; onVoted(): void }) {
  const { t } = usePortalT();
  const format = useFormatters();
  const [form] = Form.useForm<{ choice: VoteChoice }>();
  const { busy, error, finish } = useFormSubmit(form, ['choice'], (v) => castBallot(vote.id, { choice: v.choice }), onVoted);
  const headingId = `vote-${vote.id}`;
  return (
    <li className="portal-list-item" data-testid="owners-vote" aria-labelledby={headingId}>
      <h3 id={headingId}>{vote.title}</h3>
      <p>{t('deliberation.estate', { estate: vote.estateName })}</p>
      {vote.closesAt && <p>{t('deliberation.closesAt', { time: format.dateTime(vote.closesAt) })}</p>}
      <p style={{ whiteSpace: 'pre-wrap' }}>{vote.description}</p>
      {vote.me?.voted ? (
        <p className="portal-status portal-status--done">{t('deliberation.voted')}</p>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} className="portal-form" onFinish={finish} style={{ marginTop: 12 }}>
          <SubmitError error={error} />
          <fieldset className="portal-fieldset">
            <legend className="portal-legend">{t('deliberation.choice')}</legend>
            <Form.Item name="choice" rules={[{ required: true, message: t('deliberation.choiceRequired') }]} style={{ marginBottom: 0 }}>
              <Radio.Group className="portal-choices" vertical>
                {VOTE_CHOICES.map((c) => (
                  <Radio key={c} value={c}>
                    {t(`deliberation.choices.${c}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </fieldset>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('deliberation.cast')}
          </Button>
        </Form>
      )}
    </li>
  );
}
