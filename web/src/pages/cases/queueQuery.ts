import { CASE_CHANNELS, CASE_STATUSES, type CaseChannel, type CaseQuery, type CaseStatus } from '../../api/cases';

export const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

/** The queue's filters and paging; they live in the URL, so a view can be shared and Back restores it. */
export type QueueQuery = CaseQuery & { mine: boolean };

function positiveInt(raw: string | null): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function readQueueQuery(params: URLSearchParams): QueueQuery {
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const channel = params.get('channel');
  return {
    mine: params.get('scope') !== 'all',
    q: params.get('q') ?? undefined,
    status: (params.get('status') ?? '')
      .split(',')
      .filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s)),
    categoryId: positiveInt(params.get('categoryId')),
    gridId: positiveInt(params.get('gridId')),
    channel: (CASE_CHANNELS as readonly string[]).includes(channel ?? '') ? (channel as CaseChannel) : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function writeQueueQuery(query: QueueQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (!query.mine) params.scope = 'all';
  if (query.q) params.q = query.q;
  if (query.status?.length) params.status = query.status.join(',');
  if (query.categoryId) params.categoryId = String(query.categoryId);
  if (query.gridId) params.gridId = String(query.gridId);
  if (query.channel) params.channel = query.channel;
  if (query.overdue) params.overdue = 'true';
  if (query.page > 1) params.page = String(query.page);
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.pageSize = String(query.pageSize);
  return params;
}

/** A link to the queue showing the given cases of all I can see (e.g. a grid's open cases from the map). */
export function queueLink(filters: Partial<QueueQuery>): string {
  const params = new URLSearchParams(writeQueueQuery({ mine: false, page: 1, pageSize: DEFAULT_PAGE_SIZE, ...filters }));
  return `/cases?${params.toString()}`;
}
