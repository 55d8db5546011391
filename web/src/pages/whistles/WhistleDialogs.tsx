import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listCases, listOrganisations, type Organisation } from '../../api/cases';
import {
  blowWhistle,
  checkInToWhistle,
  closeWhistle,
  rateSummonedDepartment,
  WHISTLE_KINDS,
  type NewWhistle,
  type WhistleDetail,
  type WhistleKind,
} from '../../api/whistles';
import { applyServerErrors } from '../../components/formErrors';
import { OrgNodeSelect } from '../../components/OrgNodeSelect';
import { useShowError } from '../../components/useApi';

interface DialogShellProps<V> {
  title: string;
  okText: string;
  fields: readonly string[];
  initialValues?: Partial<V>;
  submit(values: V): Promise<WhistleDetail>;
  onClose(): void;
  onDone(detail: WhistleDetail): void;
  children: ReactNode;
}

/** A small modal form; a refused submission shows the server's message and keeps what was typed. */
function DialogShell<V extends object>({ title, okText, fields, initialValues, submit, onClose, onDone, children }: DialogShellProps<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await submit(values));
    } catch (e) {
      setError(applyServerErrors(form, e, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void finish(v)}>
        {children}
      </Form>
    </Modal>
  );
}

interface Props {
  whistle: WhistleDetail;
  onClose(): void;
  onDone(detail: WhistleDetail): void;
}

/** 报到: a summoned department says who it sent. */
export function CheckInDialog({ whistle, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <DialogShell<{ peopleSent: string }>
      title={t('whistles.checkIn')}
      okText={t('whistles.checkIn')}
      fields={['peopleSent']}
      submit={(v) => checkInToWhistle(whistle.whistle.id, v.peopleSent.trim())}
      onClose={onClose}
      onDone={onDone}
    >
      <p>{whistle.whistle.reason}</p>
      <Form.Item
        name="peopleSent"
        label={t('whistles.peopleSent')}
        rules={[{ required: true, whitespace: true, message: t('whistles.peopleSentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('whistles.peopleSentPlaceholder')} />
      </Form.Item>
    </DialogShell>
  );
}

/** 事不完、人不撤: the blower closes the whistle with a summary once the matter is done. */
export function CloseWhistleDialog({ whistle, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <DialogShell<{ summary: string }>
      title={t('whistles.close')}
      okText={t('whistles.close')}
      fields={['summary']}
      submit={(v) => closeWhistle(whistle.whistle.id, v.summary.trim())}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="summary"
        label={t('whistles.summary')}
        rules={[{ required: true, whitespace: true, message: t('whistles.summaryRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
    </DialogShell>
  );
}

const RATINGS = [1, 2, 3, 4, 5];

/** After closing, each summoned department is rated 1–5 once. */
export function RateDepartmentDialog({ whistle, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const unrated = whistle.summons.filter((s) => s.rating === null);
  return (
    <DialogShell<{ departmentId: number; rating: number; comment?: string }>
      title={t('whistles.rate')}
      okText={t('wb.submit')}
      fields={['departmentId', 'rating', 'comment']}
      initialValues={{ departmentId: unrated[0]?.departmentId }}
      submit={(v) =>
        rateSummonedDepartment(whistle.whistle.id, {
          departmentId: v.departmentId,
          rating: v.rating,
          comment: v.comment?.trim() || undefined,
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="departmentId" label={t('whistles.summoned')} rules={[{ required: true }]}>
        <Select options={unrated.map((s) => ({ value: s.departmentId, label: s.departmentName }))} />
      </Form.Item>
      <Form.Item name="rating" label={t('whistles.rating')} rules={[{ required: true, message: t('whistles.ratingRequired') }]}>
        <Radio.Group
          optionType="button"
          options={RATINGS.map((r) => ({ value: r, label: t('whistles.ratingValue', { value: r }) }))}
        />
      </Form.Item>
      <Form.Item name="comment" label={`${t('whistles.comment')}${t('wb.optional')}`}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </DialogShell>
  );
}

interface BlowValues {
  target: 'case' | 'place';
  caseId?: number;
  place?: string;
  orgNodeId?: string;
  kind: WhistleKind;
  reason: string;
  departmentIds: number[];
}

function toNewWhistle(v: BlowValues): NewWhistle {
  return {
    kind: v.kind,
    reason: v.reason.trim(),
    departmentIds: v.departmentIds,
    ...(v.target === 'case'
      ? { caseId: v.caseId }
      : { place: v.place?.trim(), orgNodeId: v.orgNodeId ? Number(v.orgNodeId) : undefined }),
  };
}

/** Searches cases by number or text as one types, for the whistle's target. */
function CaseSearchSelect({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = (text: string) => {
    window.clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = window.setTimeout(() => {
      listCases({ q, page: 1, pageSize: 10 }).then(
        (page) => setOptions(page.items.map((c) => ({ value: c.id, label: `${c.publicId} · ${c.description.slice(0, 40)}` }))),
        () => setOptions([]),
      );
    }, 350);
  };

  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      placeholder={t('whistles.caseSearch')}
      notFoundContent={t('common.empty')}
    />
  );
}

/** 吹哨: on a case or a place, of a kind, summoning departments of the street. */
export function BlowWhistleDialog({ onClose, onDone }: Omit<Props, 'whistle'>) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [departments, setDepartments] = useState<Organisation[] | null>(null);
  const [target, setTarget] = useState<BlowValues['target']>('case');

  useEffect(() => {
    const controller = new AbortController();
    listOrganisations('department', controller.signal).then(setDepartments, (error: unknown) => {
      setDepartments([]);
      showError(error);
    });
    return () => controller.abort();
  }, [showError]);

  return (
    <DialogShell<BlowValues>
      title={t('whistles.blowTitle')}
      okText={t('whistles.blow')}
      fields={['caseId', 'place', 'orgNodeId', 'kind', 'reason', 'departmentIds']}
      initialValues={{ target: 'case', kind: 'routine', departmentIds: [] }}
      submit={(v) => blowWhistle(toNewWhistle(v))}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="target" label={t('whistles.target')}>
        <Radio.Group
          onChange={(e) => setTarget(e.target.value as BlowValues['target'])}
          options={[
            { value: 'case', label: t('whistles.onCase') },
            { value: 'place', label: t('whistles.onPlace') },
          ]}
        />
      </Form.Item>
      {target === 'case' ? (
        <Form.Item name="caseId" label={t('whistles.case')} rules={[{ required: true, message: t('whistles.caseRequired') }]}>
          <CaseSearchSelect />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="place"
            label={t('whistles.placeText')}
            rules={[{ required: true, whitespace: true, message: t('whistles.placeRequired') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="orgNodeId" label={`${t('whistles.node')}${t('wb.optional')}`}>
            <OrgNodeSelect leafKind="grid" />
          </Form.Item>
        </>
      )}
      <Form.Item name="kind" label={t('whistles.kindLabel')} rules={[{ required: true }]}>
        <Radio.Group options={WHISTLE_KINDS.map((k) => ({ value: k, label: t(`whistles.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('whistles.reason')}
        rules={[{ required: true, whitespace: true, message: t('whistles.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      {departments?.length === 0 ? (
        <Alert type="warning" showIcon title={t('whistles.noDepartments')} />
      ) : (
        <Form.Item
          name="departmentIds"
          label={t('whistles.departments')}
          rules={[{ required: true, type: 'array', min: 1, message: t('whistles.departmentsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={departments === null}
            options={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      )}
    </DialogShell>
  );
}
