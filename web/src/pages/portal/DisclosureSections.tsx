import type { Disclosure } from '../../api/portal';
import { useFormatters } from '../../i18n/format';
import { usePortalT } from './usePortalT';

/** 公示: the community's vetted topics, resolutions with their progress, and owners' vote results. */
export function DisclosureSections({ disclosure }: { disclosure: Disclosure }) {
  const { t, language } = usePortalT();
  const format = useFormatters();
  const { topics, resolutions, ownersVotes } = disclosure;
  if (topics.length + resolutions.length + ownersVotes.length === 0) {
    return <p>{t('notices.disclosuresEmpty')}</p>;
  }
  return (
    <>
      {resolutions.length > 0 && (
        <>
          <h3 className="portal-legend">{t('notices.resolutions')}</h3>
          <ul className="portal-list" style={{ marginBottom: 16 }}>
            {resolutions.map((r) => (
              <li key={r.id} className="portal-list-item">
                <h4 className="portal-legend" style={{ fontSize: '1.05em', margin: 0 }}>
                  {r.title}
                </h4>
                <p>{r.content}</p>
                <p className="portal-muted">
                  {t(`notices.resolutionStatus.${r.status}`)} · {t('notices.progress', { done: r.tasksDone, total: r.tasksTotal })} ·{' '}
                  {t('notices.dueDate', { date: format.date(r.dueDate) })}
                </p>
                <p className="portal-muted">{t('notices.meeting', { title: r.meetingTitle, date: format.date(r.meetingStartsAt) })}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {topics.length > 0 && (
        <>
          <h3 className="portal-legend">{t('notices.topics')}</h3>
          <ul className="portal-list" style={{ marginBottom: 16 }}>
            {topics.map((topic) => (
              <li key={topic.id} className="portal-list-item">
                <h4 className="portal-legend" style={{ fontSize: '1.05em', margin: 0 }}>
                  {topic.title}
                </h4>
                <p className="portal-muted">
                  {t(`notices.topicStatus.${topic.status}`)} · {t('notices.support', { count: topic.supportCount })}
                </p>
                <p>{topic.description}</p>
                {topic.declineReason && <p>{t('notices.declineReason', { reason: topic.declineReason })}</p>}
                {topic.feedback && <p>{t('notices.feedback', { feedback: topic.feedback })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {ownersVotes.length > 0 && (
        <>
          <h3 className="portal-legend">{t('notices.ownersVotes')}</h3>
          <ul className="portal-list">
            {ownersVotes.map((vote) => (
              <li key={vote.id} className="portal-list-item">
                <h4 className="portal-legend" style={{ fontSize: '1.05em', margin: 0 }}>
                  {vote.title}：{t(`notices.voteOutcome.${vote.result.outcome}`)}
                </h4>
                <p className="portal-muted">{t('notices.voteClosed', { estate: vote.estateName, date: format.date(vote.closedAt) })}</p>
                <p>{language === 'en' ? vote.result.explanation.en : vote.result.explanation.zh}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
