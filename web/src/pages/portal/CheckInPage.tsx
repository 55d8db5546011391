import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { checkInToMeeting } from '../../api/deliberation';
import { LinkButton } from '../../components/LinkButton';
import { useFormatters } from '../../i18n/format';
import { PortalPage } from './PortalPage';
import { usePortalT } from './usePortalT';

type State = { kind: 'working' } | { kind: 'done'; at: string } | { kind: 'failed'; message: string };

/**
 * Where a meeting's check-in QR code leads (/deliberation/check-in?token=…): the signed-in
 * person is checked in once the page opens; the server checks the code and who may attend.
 */
export default function CheckInPage() {
  const { t } = usePortalT();
  const format = useFormatters();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<State>(token ? { kind: 'working' } : { kind: 'failed', message: t('checkIn.missing') });

  useEffect(() => {
    if (!token) return;
    let live = true;
    checkInToMeeting(token).then(
      (r) => live && setState({ kind: 'done', at: r.checkedInAt }),
      (error: unknown) => live && setState({ kind: 'failed', message: error instanceof ApiError ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <PortalPage title={t('checkIn.title')} back={{ to: '/portal', label: t('nav.backHome') }}>
      <div aria-live="polite" data-testid="check-in-result">
        {state.kind === 'working' && <Spin tip={t('checkIn.working')}><div style={{ minHeight: 64 }} /></Spin>}
        {state.kind === 'done' && <Alert type="success" showIcon title={t('checkIn.done', { time: format.dateTime(state.at) })} />}
        {state.kind === 'failed' && <Alert type="error" showIcon title={state.message} />}
      </div>
      {state.kind !== 'working' && (
        <p>
          <LinkButton to="/portal/deliberation" type="primary">
            {t('checkIn.toDeliberation')}
          </LinkButton>
        </p>
      )}
    </PortalPage>
  );
}
