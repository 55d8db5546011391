import { Button, Spin } from 'antd';
import { useState } from 'react';
import { getVote, listTopics, listVotes, supportTopic, type Topic, type TopicStatus, type VoteDetail } from '../../api/deliberation';
import { useMessage } from '../../components/messages';
import { useApi, useShowError } from '../../components/useApi';
import { mapLimit } from '../cases/mapLimit';
import { BallotCard } from './BallotForm';
import { PortalPage } from './PortalPage';
import { ProposeTopicForm } from './ProposeTopicForm';
import { usePortalT } from './usePortalT';
import { useResidentPlace } from './useResidentPlace';

/** Topics still being talked over; merged, declined and concluded ones are in the notices' disclosure. */
const OPEN_STATUSES: readonly TopicStatus[] = ['collecting', 'vetting', 'accepted', 'deliberated'];

/** Open votes in which the resident is an owner on the roll (a proxy's ballot is cast with staff, on paper). */
async function myOpenVotes(signal: AbortSignal): Promise<VoteDetail[]> {
  const { items } = await listVotes({}, signal);
  const open = await mapLimit(
    items.filter((v) => v.status === 'open'),
    4,
    (v) => getVote(v.id, signal),
  );
  return open.filter((v) => v.me?.ownerId != null);
}

function TopicItem({ topic, onSupported }: { topic: Topic; onSupported(updated: Topic): void }) {
  const { t } = usePortalT();
  const message = useMessage();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const headingId = `topic-${topic.id}`;
  const support = async () => {
    setBusy(true);
    try {
      const result = await supportTopic(topic.id);
      void message.success(t('deliberation.supportDone'));
      onSupported({ ...topic, ...result, supportedByMe: true });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="portal-list-item" data-testid="topic">
      <h3 id={headingId}>{topic.title}</h3>
      <p className="portal-muted">{t(`notices.topicStatus.${topic.status}`)}</p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{topic.description}</p>
      <p>{t('deliberation.supportCount', { count: topic.supportCount, threshold: topic.supportThreshold })}</p>
      {topic.supportedByMe ? (
        <p className="portal-status portal-status--done">{t('deliberation.supported')}</p>
      ) : (
        topic.status === 'collecting' && (
          <div className="portal-actions">
            <Button onClick={() => void support()} loading={busy} aria-describedby={headingId}>
              {t('deliberation.support')}
            </Button>
          </div>
        )
      )}
    </li>
  );
}

/** 社区议事: owners' votes the resident may cast, the community's open topics to support, and a new topic. */
export default function DeliberationPage() {
  const { t } = usePortalT();
  const place = useResidentPlace();
  const topics = useApi((signal) => listTopics({ page: 1, pageSize: 100 }, signal), []);
  const votes = useApi(myOpenVotes, []);
  const open = (topics.data?.items ?? []).filter((topic) => OPEN_STATUSES.includes(topic.status));
  // Residents may not read the org tree: their community comes from their cases, or from what they can see.
  const communityId = place.communityId ?? topics.data?.items[0]?.communityId ?? votes.data?.[0]?.communityId ?? null;

  const replace = (updated: Topic) =>
    topics.setData((current) => current && { ...current, items: current.items.map((x) => (x.id === updated.id ? updated : x)) });

  return (
    <PortalPage title={t('deliberation.title')} intro={t('deliberation.intro')} back={{ to: '/portal', label: t('nav.backHome') }}>
      {votes.data && votes.data.length > 0 && (
        <section className="portal-section" aria-labelledby="votes-title">
          <h2 id="votes-title" className="portal-section-title">
            {t('deliberation.votes')}
          </h2>
          <p>{t('deliberation.votesIntro')}</p>
          <ul className="portal-list">
            {votes.data.map((vote) => (
              <BallotCard key={vote.id} vote={vote} onVoted={votes.reload} />
            ))}
          </ul>
        </section>
      )}
      <section className="portal-section" aria-labelledby="topics-title">
        <h2 id="topics-title" className="portal-section-title">
          {t('deliberation.topics')}
        </h2>
        {!topics.data ? (
          <Spin />
        ) : open.length === 0 ? (
          <p>{t('deliberation.topicsEmpty')}</p>
        ) : (
          <ul className="portal-list" data-testid="topics">
            {open.map((topic) => (
              <TopicItem key={topic.id} topic={topic} onSupported={replace} />
            ))}
          </ul>
        )}
      </section>
      <section className="portal-section" aria-labelledby="propose-title">
        <h2 id="propose-title" className="portal-section-title">
          {t('deliberation.propose')}
        </h2>
        <p>{t('deliberation.proposeIntro')}</p>
        {communityId !== null ? (
          <ProposeTopicForm communityId={communityId} onProposed={topics.reload} />
        ) : place.loading || topics.loading ? (
          <Spin />
        ) : (
          <p>{t('deliberation.noCommunity')}</p>
        )}
      </section>
    </PortalPage>
  );
}
