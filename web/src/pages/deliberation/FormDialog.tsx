import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitError, useFormSubmit } from './useFormSubmit';

interface Props<V, R> {
  title: string;
  okText: string;
  /** Field names the server's VALIDATION_FAILED details may point at. */
  fields: readonly string[];
  initialValues?: Partial<V>;
  submit(values: V): Promise<R>;
  onClose(): void;
  onDone(result: R): void;
  children: ReactNode;
}

/** A modal form submitted with useFormSubmit. */
export function FormDialog<V extends object, R>({ title, okText, fields, initialValues, submit, onClose, onDone, children }: Props<V, R>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const { busy, error, finish } = useFormSubmit(form, fields, submit, onDone);
  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose}>
      <SubmitError error={error} />
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={finish}>
        {children}
      </Form>
    </Modal>
  );
}
