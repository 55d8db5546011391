import { Alert, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  runCaseAction,
  SATISFACTIONS,
  type ActionBodies,
  type CaseAction,
  type CaseView,
  type DuplicateCandidate,
} from '../../api/cases';
import { applyServerErrors } from '../../components/formErrors';
import { DispatchFields, dispatchBody, type DispatchValues } from './DispatchFields';

/** Where the case is, named, for the dispatch form (its grid and its community's committee). */
export interface CasePlace {
  gridName: string | null;
  communityName: string | null;
}

interface FormValues extends Partial<DispatchValues> {
  note?: string;
  reason?: string;
  reply?: string;
  internal?: boolean;
  resolved?: boolean;
  satisfaction?: ActionBodies['rate']['satisfaction'];
  comment?: string;
  intoCaseId?: number;
}

const FIELDS = [
  'note',
  'reason',
  'reply',
  'internal',
  'resolved',
  'satisfaction',
  'comment',
  'intoCaseId',
  'handlerKind',
  'handlerNodeId',
  'handlerOrgId',
] as const;

const REASON_ACTIONS: readonly CaseAction[] = ['return', 'reopen', 'close', 'close_unresolved'];
const OPTIONAL_NOTE_ACTIONS: readonly CaseAction[] = ['accept', 'take'];

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** The body the server expects for the action, from what the form holds. */
function bodyFor(action: CaseAction, v: FormValues, c: CaseView): ActionBodies[CaseAction] {
  switch (action) {
    case 'accept':
    case 'take':
      return { note: trimmed(v.note) };
    case 'dispatch':
      return dispatchBody(v as DispatchValues, c);
    case 'return':
    case 'reopen':
    case 'close':
    case 'close_unresolved':
      return { reason: v.reason?.trim() ?? '' };
    case 'note':
      return { note: v.note?.trim() ?? '', internal: v.internal ?? true };
    case 'reply':
      return { reply: v.reply?.trim() ?? '' };
    case 'rate':
      return { resolved: v.resolved ?? false, satisfaction: v.satisfaction ?? 'satisfied', comment: trimmed(v.comment) };
    case 'merge':
      return { intoCaseId: v.intoCaseId ?? 0 };
    case 'withdraw':
      return { reason: trimmed(v.reason) };
    case 'supervise':
      return { note: v.note?.trim() ?? '' };
  }
}

interface Props {
  action: CaseAction | null;
  caseView: CaseView;
  place: CasePlace;
  duplicates: DuplicateCandidate[];
  /** A merge started from a duplicate's own button arrives with that duplicate chosen. */
  preset?: { intoCaseId?: number };
  onClose(): void;
  onDone(action: CaseAction, updated: CaseView): void;
}

/**
 * One workflow action as a small dialog with exactly the fields it needs. A refused submission
 * shows the server's message and keeps what was typed.
 */
export function CaseActionDialog(props: Props) {
  const { action, preset } = props;
  if (!action) return null;
  // A fresh form for every opening: nothing typed for one action leaks into the next.
  return <ActionDialog key={`${action}-${preset?.intoCaseId ?? ''}`} {...props} action={action} />;
}

function ActionDialog({ action, caseView, place, duplicates, preset, onClose, onDone }: Props & { action: CaseAction }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initialValues: FormValues = { internal: true, dispatchMode: 'default', ...preset };

  const label = t(`caseEnums.action.${action}`);

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await runCaseAction(caseView.id, action, bodyFor(action, values, caseView));
      onDone(action, updated);
    } catch (e) {
      setError(applyServerErrors(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <Modal
      open
      title={label}
      okText={label}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p className="wb-muted">{t(`actions.hints.${action}`)}</p>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        {OPTIONAL_NOTE_ACTIONS.includes(action) && (
          <Form.Item name="note" label={`${t('actions.note')}${t('wb.optional')}`}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}

        {action === 'dispatch' && <DispatchFields caseView={caseView} place={place} />}

        {REASON_ACTIONS.includes(action) && (
          <Form.Item name="reason" label={t('actions.reason')} rules={required(t('actions.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}

        {action === 'withdraw' && (
          <Form.Item name="reason" label={`${t('actions.reason')}${t('wb.optional')}`}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}

        {action === 'reply' && (
          <Form.Item name="reply" label={t('actions.reply')} rules={required(t('actions.replyRequired'))}>
            <Input.TextArea rows={5} maxLength={4000} showCount />
          </Form.Item>
        )}

        {action === 'note' && (
          <>
            <Form.Item name="note" label={t('actions.noteText')} rules={required(t('actions.noteRequired'))}>
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="internal" label={t('actions.internal')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}

        {action === 'supervise' && (
          <Form.Item name="note" label={t('actions.superviseNote')} rules={required(t('actions.superviseRequired'))}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}

        {action === 'rate' && (
          <>
            <Form.Item
              name="resolved"
              label={t('actions.resolved')}
              rules={[{ required: true, message: t('actions.resolvedRequired') }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: t('actions.resolvedYes') },
                  { value: false, label: t('actions.resolvedNo') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="satisfaction"
              label={t('actions.satisfaction')}
              rules={[{ required: true, message: t('actions.satisfactionRequired') }]}
            >
              <Radio.Group options={SATISFACTIONS.map((s) => ({ value: s, label: t(`caseEnums.satisfaction.${s}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={`${t('actions.comment')}${t('wb.optional')}`}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}

        {action === 'merge' &&
          (duplicates.length === 0 ? (
            <Alert type="info" showIcon title={t('actions.noDuplicates')} />
          ) : (
            <Form.Item
              name="intoCaseId"
              label={t('actions.mergeInto')}
              rules={[{ required: true, message: t('actions.mergeRequired') }]}
            >
              <Select
                options={duplicates.map((d) => ({
                  value: d.id,
                  label: `${d.publicId} · ${d.description.slice(0, 40)}`,
                }))}
              />
            </Form.Item>
          ))}
      </Form>
    </Modal>
  );
}
