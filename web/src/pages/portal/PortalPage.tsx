import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import { ConfigProvider, type ThemeConfig } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { usePreferences } from '../../app/preferences';
import { LinkButton } from '../../components/LinkButton';
import { usePageTitle } from '../../components/usePageTitle';
import './portal.css';

interface Props {
  /** The page's name: its <h1> and the browser tab's title. */
  title: string;
  /** Where "back" goes, and what it says; none on the portal's home. */
  back?: { to: string; label: string };
  /** A heading that differs from the tab title (the home page greets by name). */
  heading?: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every portal page: a back link, the page heading and a column sized for a phone.
 * Controls are at least 44 px high (52 px in the large-text mode) for elderly residents' fingers.
 */
export function PortalPage({ title, back, heading, intro, children }: Props) {
  const { largeText } = usePreferences();
  usePageTitle(title);
  const theme = useMemo<ThemeConfig>(() => ({ token: { controlHeight: largeText ? 52 : 44 } }), [largeText]);
  return (
    <ConfigProvider theme={theme}>
      <div className="portal">
        {back && (
          <div className="portal-back">
            <LinkButton to={back.to} type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }}>
              {back.label}
            </LinkButton>
          </div>
        )}
        <h1 className="portal-title">{heading ?? title}</h1>
        {intro && <p className="portal-intro">{intro}</p>}
        {children}
      </div>
    </ConfigProvider>
  );
}
