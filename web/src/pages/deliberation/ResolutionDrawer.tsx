import { Button, Checkbox, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getResolution, reportTaskProgress, type ProgressReport, type ResolutionTask } from '../../api/deliberation';
import { useAuth } from '../../app/auth';
import { useMessage } from '../../components/messages';
import { useApi } from '../../components/useApi';
import { useFormatters } from '../../i18n/format';
import { FormDialog } from './FormDialog';
import { DetailDrawer } from './DetailDrawer';

interface ProgressValues {
  note: string;
  evidence?: string;
  done?: boolean;
}

function toReport(v: ProgressValues): ProgressReport {
  return { note: v.note.trim(), evidence: v.evidence?.trim() || undefined, status: v.done ? 'done' : 'in_progress' };
}

/** 报告进度: a note, its evidence, and whether the task is now done (done needs evidence). */
function ProgressDialog({ task, onClose, onDone }: { task: ResolutionTask; onClose(): void; onDone(resolutionDone: boolean): void }) {
  const { t } = useTranslation();
  return (
    <FormDialog<ProgressValues, Awaited<ReturnType<typeof reportTaskProgress>>>
      title={t('deliberation.resolutions.reportTitle', { title: task.title })}
      okText={t('wb.submit')}
      fields={['note', 'evidence', 'status']}
      submit={(v) => reportTaskProgress(task.id, toReport(v))}
      onClose={onClose}
      onDone={(r) => onDone(r.resolutionStatus === 'done')}
    >
      <Form.Item name="note" label={t('deliberation.resolutions.note')} rules={[{ required: true, whitespace: true, message: t('deliberation.resolutions.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="done" valuePropName="checked">
        <Checkbox>{t('deliberation.resolutions.markDone')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="evidence"
        label={t('deliberation.resolutions.evidence')}
        dependencies={['done']}
        rules={[({ getFieldValue }) => ({ required: !!getFieldValue('done'), whitespace: true, message: t('deliberation.resolutions.evidenceRequired') })]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function TaskItem({ task, mayReport, onReport }: { task: ResolutionTask; mayReport: boolean; onReport(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <li className="panel" style={{ marginBottom: 12 }} data-testid="resolution-task">
      <div className="wb-toolbar" style={{ marginBottom: 4 }}>
        <strong>{task.title}</strong>
        <Tag variant="outlined">{t(`deliberation.resolutions.taskStatus.${task.status}`)}</Tag>
        {mayReport && task.status !== 'done' && (
          <Button autoInsertSpace={false} className="wb-toolbar-end" onClick={onReport} aria-label={`${t('deliberation.resolutions.report')} ${task.title}`}>
            {t('deliberation.resolutions.report')}
          </Button>
        )}
      </div>
      <p className="wb-muted" style={{ margin: 0 }}>
        {t('wb.labelValue', { label: t('deliberation.resolutions.assignee'), value: task.assigneeName })}
        {task.dueDate && ` · ${t('wb.labelValue', { label: t('deliberation.resolutions.dueDate'), value: format.date(task.dueDate) })}`}
      </p>
      {task.notes.length > 0 && (
        <ul>
          {task.notes.map((n) => (
            <li key={n.id}>
              {t('deliberation.resolutions.noteLine', { time: format.dateTime(n.createdAt), author: n.authorName, note: n.note })}
              {n.evidence && <div className="wb-muted">{t('deliberation.resolutions.evidenceLine', { evidence: n.evidence })}</div>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** One resolution with its tasks and their progress notes. */
export function ResolutionDrawer({ resolutionId, onClose, onChanged }: { resolutionId: number; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useAuth();
  const message = useMessage();
  const resolution = useApi((signal) => getResolution(resolutionId, signal), [resolutionId], { keepPrevious: true });
  const [reporting, setReporting] = useState<ResolutionTask | null>(null);
  const r = resolution.data;

  return (
    <DetailDrawer title={r?.title ?? t('deliberation.resolutions.detailTitle')} loaded={!!r} onClose={onClose}>
      {r && (
        <>
          <div>
            <Tag variant="outlined">{t(`deliberation.resolutions.statusValue.${r.status}`)}</Tag>
            <p>{t('wb.labelValue', { label: t('deliberation.resolutions.owner'), value: r.ownerName })}</p>
            <p>{t('wb.labelValue', { label: t('deliberation.resolutions.dueDate'), value: format.date(r.dueDate) })}</p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{r.content}</p>
          </div>
          <section aria-labelledby="resolution-tasks">
            <h2 id="resolution-tasks" className="section-title">
              {t('deliberation.resolutions.tasks')}
            </h2>
            {r.tasks.length === 0 ? (
              <p className="wb-muted">{t('deliberation.resolutions.tasksEmpty')}</p>
            ) : (
              <ul style={{ listStyle: 'none', padding: 0 }}>
                {r.tasks.map((task) => (
                  <TaskItem key={task.id} task={task} mayReport={can('deliberation.manage')} onReport={() => setReporting(task)} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {reporting && (
        <ProgressDialog
          task={reporting}
          onClose={() => setReporting(null)}
          onDone={(resolutionDone) => {
            setReporting(null);
            void message.success(t(resolutionDone ? 'deliberation.resolutions.resolutionDone' : 'deliberation.resolutions.reported'));
            resolution.reload();
            if (resolutionDone) onChanged();
          }}
        />
      )}
    </DetailDrawer>
  );
}
