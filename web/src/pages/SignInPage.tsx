import { Alert, Button, Flex, Form, Input } from 'antd';
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
      <div className="panel sign-in-card">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <LanguageSwitch />
          <LargeTextSwitch />
        </Flex>
        <h1 className="page-title sign-in-brand">
          <span lang="zh-CN">共治</span> <span lang="en">Gongzhi</span>
        </h1>
        <p className="text-secondary">{t('app.tagline')}</p>
        <h2 className="section-title">{t('signIn.title')}</h2>

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
      </div>
    </main>
  );
}
