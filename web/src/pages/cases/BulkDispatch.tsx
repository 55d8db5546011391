import CheckCircleFilled from '@ant-design/icons/CheckCircleFilled';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import { Alert, Button, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { bulkDispatch, type BulkDispatchResult, type CaseView } from '../../api/cases';
import { palette } from '../../app/theme';
import { isOneOf } from './labels';

const KNOWN_CODES = ['CASE_INVALID_TRANSITION', 'NO_HANDLER', 'FORBIDDEN', 'CASE_NOT_FOUND', 'VERSION_CONFLICT'] as const;

/** A dispatched batch: each case with its result, kept on screen until dismissed. */
export interface BulkOutcome {
  cases: Pick<CaseView, 'id' | 'publicId'>[];
  results: BulkDispatchResult[];
}

interface DialogProps {
  cases: Pick<CaseView, 'id' | 'publicId'>[];
  open: boolean;
  onClose(): void;
  onDone(outcome: BulkOutcome): void;
}

/** Confirms a bulk dispatch (派单) with an optional note; failures of the request stay in the dialog. */
export function BulkDispatchDialog({ cases, open, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ note }: { note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const results = await bulkDispatch(
        cases.map((c) => c.id),
        note?.trim() || undefined,
      );
      form.resetFields();
      onDone({ cases, results });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('queue.bulkDispatchTitle', { count: cases.length })}
      okText={t('queue.bulkDispatch')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p>{t('queue.bulkDispatchHint')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="note" label={`${t('queue.bulkNote')}${t('wb.optional')}`}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Each case of the batch with 已派单 / 未派单 and why, announced to screen readers. */
export function BulkResults({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss(): void }) {
  const { t } = useTranslation();
  const publicIds = new Map(outcome.cases.map((c) => [c.id, c.publicId]));
  const ok = outcome.results.filter((r) => r.ok).length;
  const reason = (code: string | undefined) =>
    isOneOf(KNOWN_CODES, code) ? t(`caseEnums.errorCode.${code}`) : t('caseEnums.errorCode.other', { code: code ?? '?' });

  return (
    <section className="panel" aria-labelledby="bulk-results-heading">
      <div className="wb-toolbar">
        <h2 className="section-title" id="bulk-results-heading" style={{ margin: 0 }}>
          {t('queue.bulkResults')}
        </h2>
        <Button className="wb-toolbar-end" onClick={onDismiss}>
          {t('wb.close')}
        </Button>
      </div>
      <Alert
        type={ok === outcome.results.length ? 'success' : 'warning'}
        showIcon
        role="status"
        title={t('queue.bulkSummary', { ok, failed: outcome.results.length - ok })}
        style={{ marginBottom: 12 }}
      />
      <Table<BulkDispatchResult>
        size="small"
        rowKey="caseId"
        pagination={false}
        dataSource={outcome.results}
        columns={[
          {
            title: t('queue.publicId'),
            dataIndex: 'caseId',
            render: (id: number) => <Link to={`/cases/${id}`}>{publicIds.get(id) ?? id}</Link>,
          },
          {
            title: t('queue.result'),
            dataIndex: 'ok',
            render: (_: boolean, row) =>
              row.ok ? (
                <span>
                  <CheckCircleFilled aria-hidden style={{ color: palette.successGraphic, marginRight: 6 }} />
                  {t('queue.bulkOk')}
                </span>
              ) : (
                <span>
                  <CloseCircleFilled aria-hidden style={{ color: palette.error, marginRight: 6 }} />
                  {t('queue.bulkFailed')}: {reason(row.code)}
                </span>
              ),
          },
        ]}
      />
    </section>
  );
}
