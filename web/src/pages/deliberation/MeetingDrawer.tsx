import { Button, Descriptions, QRCode, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeMeeting, getMeeting, issueCheckInCode, type CheckInCode, type MeetingDetail } from '../../api/deliberation';
import { useAuth } from '../../app/auth';
import { useMessage } from '../../components/messages';
import { useApi, useShowError } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { CommentForm, MinutesForm } from './MeetingForms';
import { ConfirmAction } from './ConfirmAction';
import { DetailDrawer } from './DetailDrawer';

interface Props {
  meetingId: number;
  onClose(): void;
  /** The meeting changed in a way the list shows (closed). */
  onChanged(): void;
}

/** 签到码: the signed, expiring token the server issues, as a QR code of its URL and as text. */
function CheckInPanel({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const showError = useShowError();
  const [code, setCode] = useState<CheckInCode | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      setCode(await issueCheckInCode(meetingId));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const link = code ? new URL(code.url, window.location.origin).toString() : '';
  return (
    <section aria-labelledby="meeting-check-in">
      <h2 id="meeting-check-in" className="section-title">
        {t('deliberation.meetings.checkIn')}
      </h2>
      {code && (
        <div data-testid="check-in-code" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
          <QRCode value={link} size={160} type="canvas" aria-label={t('deliberation.meetings.qrLabel')} />
          <div style={{ minWidth: 0, flex: 1 }}>
            <p>{t('deliberation.meetings.codeExpires', { time: format.dateTime(code.expiresAt) })}</p>
            <p style={{ wordBreak: 'break-all' }}>
              {t('wb.labelValue', { label: t('deliberation.meetings.codeLink'), value: link })}
            </p>
            <p style={{ wordBreak: 'break-all' }}>
              {t('wb.labelValue', { label: t('deliberation.meetings.codeText'), value: code.token })}
            </p>
          </div>
        </div>
      )}
      <Button onClick={() => void issue()} loading={busy}>
        {t('deliberation.meetings.issueCode')}
      </Button>
    </section>
  );
}

function Facts({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'kind', label: t('deliberation.meetings.kind'), children: t(`deliberation.meetingKind.${meeting.kind}`) },
        { key: 'when', label: t('deliberation.meetings.startsAt'), children: format.dateTime(meeting.startsAt) },
        { key: 'where', label: t('deliberation.meetings.location'), children: meeting.location },
        {
          key: 'registered',
          label: t('deliberation.meetings.registered'),
          children: (
            <>
              {t('deliberation.meetings.registeredValue', { count: meeting.registeredCount, capacity: meeting.capacity })}
              {' · '}
              {t('deliberation.meetings.attendance', { count: meeting.attendanceCount })}
            </>
          ),
        },
        ...(meeting.commentOpensAt && meeting.commentClosesAt
          ? [
              {
                key: 'comments',
                label: t('deliberation.meetings.commentWindow'),
                children: t('deliberation.meetings.commentWindowValue', {
                  from: format.dateTime(meeting.commentOpensAt),
                  to: format.dateTime(meeting.commentClosesAt),
                }),
              },
            ]
          : []),
        {
          key: 'status',
          label: t('deliberation.meetings.status'),
          children: <Tag variant="outlined">{t(`deliberation.meetings.${meeting.status}`)}</Tag>,
        },
      ]}
    />
  );
}

function NamedList({ id, title, empty, items }: { id: string; title: string; empty: string; items: string[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className="wb-muted">{empty}</p>
      ) : (
        <ol>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One meeting: agenda, registrations, check-in code, comments, minutes, and closing it. */
export function MeetingDrawer({ meetingId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useAuth();
  const message = useMessage();
  const meeting = useApi((signal) => getMeeting(meetingId, signal), [meetingId], { keepPrevious: true });
  const m = meeting.data;
  const manage = can('deliberation.manage') && m?.status === 'scheduled';

  const close = async () => {
    const done = await closeMeeting(meetingId);
    void message.success(t('deliberation.meetings.closedDone', { count: done.deliberatedTopicIds.length }));
    meeting.reload();
    onChanged();
  };

  return (
    <DetailDrawer title={m?.title ?? t('deliberation.meetings.detailTitle')} loaded={!!m} onClose={onClose}>
      {m && (
        <>
          <Facts meeting={m} />
          <NamedList id="meeting-agenda" title={t('deliberation.meetings.agenda')} empty={t('deliberation.meetings.agendaEmpty')} items={m.agenda.map((a) => a.title)} />
          {m.invitations.length > 0 && (
            <NamedList
              id="meeting-invitations"
              title={t('deliberation.meetings.invitations')}
              empty=""
              items={m.invitations.map((i) => (i.capacityAs ? `${i.name}（${i.capacityAs}）` : i.name))}
            />
          )}
          {manage && <CheckInPanel meetingId={m.id} />}
          <section aria-labelledby="meeting-comments">
            <h2 id="meeting-comments" className="section-title">
              {t('deliberation.meetings.comments')}
            </h2>
            {m.comments.length === 0 ? (
              <p className="wb-muted">{t('deliberation.meetings.commentsEmpty')}</p>
            ) : (
              <ul>
                {m.comments.map((c) => (
                  <li key={c.id}>
                    <span className="wb-muted">{format.dateTime(c.createdAt)}</span> {c.body}
                  </li>
                ))}
              </ul>
            )}
            {m.status === 'scheduled' && can('deliberation.participate') && <CommentForm meetingId={m.id} onDone={meeting.reload} />}
          </section>
          <section aria-labelledby="meeting-minutes">
            <h2 id="meeting-minutes" className="section-title">
              {t('deliberation.meetings.minutes')}
            </h2>
            {m.minutesAt && <p className="wb-muted">{t('deliberation.meetings.minutesAt', { time: format.dateTime(m.minutesAt) })}</p>}
            {manage ? <MinutesForm meeting={m} onDone={meeting.reload} /> : <p style={{ whiteSpace: 'pre-wrap' }}>{m.minutes ?? t('common.empty')}</p>}
          </section>
          {m.resolutions.length > 0 && (
            <NamedList
              id="meeting-resolutions"
              title={t('deliberation.meetings.resolutions')}
              empty=""
              items={m.resolutions.map((r) => `${r.title} · ${r.ownerName} · ${format.date(r.dueDate)}`)}
            />
          )}
          {manage && <ConfirmAction label={t('deliberation.meetings.close')} confirm={t('deliberation.meetings.closeConfirm')} run={close} />}
        </>
      )}
    </DetailDrawer>
  );
}
