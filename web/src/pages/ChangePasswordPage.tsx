import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/auth';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { useMessage } from '../components/messages';
import { applyServerErrors } from '../components/formErrors';
import { usePageTitle } from '../components/usePageTitle';

const MIN_LENGTH = 10;

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.title'));
  const message = useMessage();
  const { user } = useAuth();
  const [form] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: PasswordValues) => {
    setSaving(true);
    try {
      await changePassword(currentPassword, newPassword);
      form.resetFields();
      void message.success(t('password.changed'));
    } catch (error) {
      // Where the server names the culprit, put its message on that field; the typed values stay.
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
      } else if (error instanceof ApiError && error.code === 'INVALID_PASSWORD') {
        form.setFields([{ name: 'newPassword', errors: [error.message] }]);
      } else {
        const general = applyServerErrors(form, error, ['currentPassword', 'newPassword']);
        if (general) void message.error(general);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <h1 className="page-title">
        {t('password.title')}
      </h1>
      <div className="panel" style={{ maxWidth: 520 }}>
        <Form<PasswordValues> form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
          {/* Lets password managers tie the new password to the account. */}
          <input type="text" name="username" autoComplete="username" value={user?.username ?? ''} hidden readOnly />
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.minLength', { min: MIN_LENGTH })}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: MIN_LENGTH, message: t('password.minLength', { min: MIN_LENGTH }) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('password.submit')}
          </Button>
        </Form>
      </div>
    </>
  );
}
