import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { getMeta } from '../api/auth';
import { useAuth } from '../app/auth';
import { applyServerErrors } from '../components/formErrors';
import { LanguageSwitch, LargeTextSwitch } from '../components/PreferenceControls';
import { useApi } from '../components/useApi';
import { usePageTitle } from '../components/usePageTitle';

const DEMO_ACCOUNTS = ['street_admin', 'community_staff', 'grid_worker', 'dept_handler', 'property_handler', 'resident'];
const DEMO_PASSWORD = 'gongzhi-demo';

interface SignInValues {
  username: string;
  password: string;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignInValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const meta = useApi((signal) => getMeta(signal), []);
  usePageTitle(t('signIn.title'));

  const from = (location.state as { from?: Location } | null)?.from;
  const target = from && from.pathname !== '/sign-in' ? `${from.pathname}${from.search}` : '/';
  if (user) return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: SignInValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(username.trim(), password);
      navigate(target, { replace: true });
    } catch (error) {
      // The form keeps what was typed; the server's own message says what went wrong.
      setFailure(applyServerErrors(form, error, ['username', 'password']));
      setSubmitting(false);
    }
  };

  return (
    <main className="sign-in">
      <Card className="sign-in-card">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <LanguageSwitch />
          <LargeTextSwitch />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: '1.75em', marginBottom: 4 }}>
          <span lang="zh-CN">共治</span> <span lang="en">Gongzhi</span>
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Typography.Title level={2} style={{ fontSize: '1.25em' }}>
          {t('signIn.title')}
        </Typography.Title>

        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}

        <Form<SignInValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('signIn.submit')}
          </Button>
        </Form>

        {meta.data?.demo && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={t('signIn.demoTitle')}
            description={t('signIn.demoHint', { accounts: DEMO_ACCOUNTS.join(', '), password: DEMO_PASSWORD })}
          />
        )}
      </Card>
    </main>
  );
}
