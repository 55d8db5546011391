import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/usePageTitle';
import '../cases/workbench.css';
import { MeetingsTab } from './MeetingsTab';
import { ResolutionsTab } from './ResolutionsTab';
import { TopicsTab } from './TopicsTab';
import { VotesTab } from './VotesTab';

const TABS = ['topics', 'meetings', 'resolutions', 'votes'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

/** 协商议事: topics and their vetting, meetings, carrying resolutions out, and owners' votes; the tab is in the URL. */
export default function DeliberationPage() {
  const { t } = useTranslation();
  usePageTitle(t('deliberation.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = isTab(raw) ? raw : 'topics';
  const panes: Record<Tab, React.ReactNode> = {
    topics: <TopicsTab />,
    meetings: <MeetingsTab />,
    resolutions: <ResolutionsTab />,
    votes: <VotesTab />,
  };

  return (
    <>
      <h1 className="page-title">{t('deliberation.title')}</h1>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(next) => setParams(next === 'topics' ? {} : { tab: next })}
        items={TABS.map((key) => ({ key, label: t(`deliberation.tabs.${key}`), children: panes[key] }))}
      />
    </>
  );
}
