import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { commentOnMeeting, recordMinutes, type MeetingDetail } from '../../api/deliberation';
import { useMessage } from '../../components/messages';
import { SubmitError, useFormSubmit } from './useFormSubmit';

/** 发表意见: while the comment window is open (the server says when it is not). */
export function CommentForm({ meetingId, onDone }: { meetingId: number; onDone(): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<{ body: string }>();
  const { busy, error, finish } = useFormSubmit(form, ['body'], (v) => commentOnMeeting(meetingId, v.body.trim()), () => {
    form.resetFields();
    void message.success(t('deliberation.meetings.commented'));
    onDone();
  });
  return (
    <Form form={form} layout="vertical" onFinish={finish}>
      <SubmitError error={error} />
      <Form.Item name="body" label={t('deliberation.meetings.comment')} rules={[{ required: true, whitespace: true, message: t('deliberation.meetings.commentRequired') }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('deliberation.meetings.comment')}
      </Button>
    </Form>
  );
}

/** 会议纪要: closing the meeting needs them first. */
export function MinutesForm({ meeting, onDone }: { meeting: MeetingDetail; onDone(): void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<{ minutes: string }>();
  const { busy, error, finish } = useFormSubmit(form, ['minutes'], (v) => recordMinutes(meeting.id, v.minutes.trim()), () => {
    void message.success(t('deliberation.meetings.minutesSaved'));
    onDone();
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ minutes: meeting.minutes ?? '' }} onFinish={finish}>
      <SubmitError error={error} />
      <Form.Item
        name="minutes"
        label={t('deliberation.meetings.minutes')}
        rules={[{ required: true, whitespace: true, message: t('deliberation.meetings.minutesRequired') }]}
      >
        <Input.TextArea rows={6} maxLength={50_000} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy}>
        {t('deliberation.meetings.saveMinutes')}
      </Button>
    </Form>
  );
}
