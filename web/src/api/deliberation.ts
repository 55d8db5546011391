// 协商议事 (deliberation: topics, meetings, resolutions) and 业主表决 (owners' votes).
import { request } from './client';
import type { Id, Page } from './types';

const segment = (id: Id) => encodeURIComponent(String(id));

export const TOPIC_STATUSES = ['collecting', 'vetting', 'accepted', 'merged', 'declined', 'deliberated', 'concluded'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
export type TopicSource = 'resident' | 'case' | 'staff';

export interface Topic {
  id: number;
  communityId: number;
  source: TopicSource;
  caseId: number | null;
  title: string;
  description: string;
  status: TopicStatus;
  supportCount: number;
  supportThreshold: number;
  mergedIntoId: number | null;
  declineReason: string | null;
  vetNote: string | null;
  vettedAt: string | null;
  feedback: string | null;
  feedbackAt: string | null;
  createdAt: string;
  mine: boolean;
  supportedByMe: boolean;
}

export interface TopicQuery {
  communityId?: number;
  status?: TopicStatus;
  page: number;
  pageSize: number;
}

export type VetDecision =
  | { decision: 'accept'; note?: string }
  | { decision: 'merge'; mergeIntoId: number; note?: string }
  | { decision: 'decline'; reason: string };

export const listTopics = (query: TopicQuery, signal?: AbortSignal) =>
  request<Page<Topic>>('/deliberation/topics', { query: { ...query }, signal });

export const proposeTopic = (body: { communityId: number; title: string; description: string }) =>
  request<{ id: number; status: TopicStatus; supportCount: number; supportThreshold: number }>('/deliberation/topics', {
    method: 'POST',
    body,
  });

export const supportTopic = (id: Id) =>
  request<{ supportCount: number; supportThreshold: number; status: TopicStatus }>(`/deliberation/topics/${segment(id)}/support`, {
    method: 'POST',
  });

export const vetTopic = (id: Id, body: VetDecision) =>
  request<{ id: number; status: TopicStatus }>(`/deliberation/topics/${segment(id)}/vet`, { method: 'POST', body });

export const MEETING_KINDS = ['council', 'joint', 'hearing', 'heart_to_heart'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MeetingSummary {
  id: number;
  communityId: number;
  kind: MeetingKind;
  title: string;
  location: string;
  startsAt: string;
  endsAt: string | null;
  capacity: number;
  registeredCount: number;
  commentOpensAt: string | null;
  commentClosesAt: string | null;
  status: 'scheduled' | 'closed';
}

export interface MeetingResolution {
  id: number;
  title: string;
  ownerName: string;
  dueDate: string;
  status: string;
}

export interface MeetingDetail extends MeetingSummary {
  minutes: string | null;
  minutesAt: string | null;
  closedAt: string | null;
  attendanceCount: number;
  registeredByMe: boolean;
  checkedInByMe: boolean;
  agenda: { id: number; position: number; topicId: number | null; title: string }[];
  invitations: { id: number; name: string; capacityAs: string | null }[];
  comments: { id: number; body: string; createdAt: string; mine: boolean }[];
  resolutions: MeetingResolution[];
}

export interface CheckInCode {
  token: string;
  url: string;
  expiresAt: string;
}

export const listMeetings = (signal?: AbortSignal) =>
  request<{ items: MeetingSummary[] }>('/deliberation/meetings', { signal });

export const getMeeting = (id: Id, signal?: AbortSignal) => request<MeetingDetail>(`/deliberation/meetings/${segment(id)}`, { signal });

export const issueCheckInCode = (id: Id) =>
  request<CheckInCode>(`/deliberation/meetings/${segment(id)}/check-in-code`, { method: 'POST', body: {} });

export const checkInToMeeting = (token: string) =>
  request<{ meetingId: number; checkedInAt: string }>('/deliberation/check-in', { method: 'POST', body: { token } });

export const commentOnMeeting = (id: Id, body: string) =>
  request<{ id: number; createdAt: string }>(`/deliberation/meetings/${segment(id)}/comments`, { method: 'POST', body: { body } });

export const recordMinutes = (id: Id, minutes: string) =>
  request<{ id: number; minutesAt: string }>(`/deliberation/meetings/${segment(id)}/minutes`, { method: 'PUT', body: { minutes } });

export const closeMeeting = (id: Id) =>
  request<{ id: number; status: 'closed'; closedAt: string; deliberatedTopicIds: number[] }>(`/deliberation/meetings/${segment(id)}/close`, {
    method: 'POST',
  });

export type TaskStatus = 'open' | 'in_progress' | 'done';

export interface ResolutionTask {
  id: number;
  title: string;
  assigneeName: string;
  dueDate: string | null;
  status: TaskStatus;
  doneAt: string | null;
  notes: { id: number; authorName: string; note: string; evidence: string | null; statusAfter: TaskStatus; createdAt: string }[];
}

export interface ResolutionDetail {
  id: number;
  meetingId: number;
  topicId: number | null;
  communityId: number;
  title: string;
  content: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'done';
  doneAt: string | null;
  tasks: ResolutionTask[];
}

export interface ProgressReport {
  note: string;
  evidence?: string;
  status?: 'in_progress' | 'done';
}

export const getResolution = (id: Id, signal?: AbortSignal) =>
  request<ResolutionDetail>(`/deliberation/resolutions/${segment(id)}`, { signal });

export const reportTaskProgress = (taskId: Id, body: ProgressReport) =>
  request<{ taskId: number; taskStatus: TaskStatus; resolutionId: number; resolutionStatus: 'open' | 'done' }>(
    `/deliberation/tasks/${segment(taskId)}/progress`,
    { method: 'POST', body },
  );

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export type VoteRule = 'civil_code_278_special' | 'civil_code_278_ordinary';
export type VoteStatus = 'draft' | 'open' | 'closed';

export interface VoteShare {
  owners: number;
  areaCents: string;
  areaM2: string;
}

export interface ThresholdTest {
  measure: 'area' | 'owners';
  /** Exactly as the server counted it, e.g. "133400/200000" (hundredths of m²) or "8/12"; never reduced. */
  fraction: string;
  threshold: string;
  comparison: 'at_least' | 'more_than';
  passed: boolean;
}

export interface TestPair {
  passed: boolean;
  area: ThresholdTest;
  owners: ThresholdTest;
}

export interface VoteResult {
  law: string;
  rule: VoteRule;
  matter: string;
  explanation: { zh: string; en: string };
  totals: VoteShare;
  participating: VoteShare;
  choices: Record<VoteChoice, VoteShare>;
  participation: TestPair;
  approval: TestPair | null;
  outcome: 'passed' | 'failed' | 'invalid';
  ballotCount: number;
  ballotsDigest: string;
}

export interface VoteSummary {
  id: number;
  estateId: number;
  estateName: string;
  communityId: number;
  title: string;
  matter: string;
  rule: VoteRule;
  status: VoteStatus;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface VoteDetail extends VoteSummary {
  description: string;
  totalOwners: number | null;
  totalAreaM2: string | null;
  me: { ownerId: number | null; voted: boolean; proxyFor: { ownerId: number; displayName: string; voted: boolean }[] } | null;
  result: VoteResult | null;
}

export interface RollEntry {
  id: number;
  displayName: string;
  areaM2: string;
  unitCount: number;
  isDeveloper: boolean;
  voted: boolean;
  proxy: { id: number; proxyName: string; authorizationRef: string } | null;
}

export interface BallotReceipt {
  ballotId: number;
  ownerId: number;
  channel: 'online' | 'paper';
}

export const listVotes = (query: { estateId?: number }, signal?: AbortSignal) =>
  request<{ items: VoteSummary[] }>('/owners-votes', { query: { ...query }, signal });

export const getVote = (id: Id, signal?: AbortSignal) => request<VoteDetail>(`/owners-votes/${segment(id)}`, { signal });

export const getVoteRoll = (id: Id, signal?: AbortSignal) =>
  request<{ items: RollEntry[] }>(`/owners-votes/${segment(id)}/owners`, { signal });

export const castBallot = (id: Id, body: { choice: VoteChoice; ownerId?: number }) =>
  request<BallotReceipt>(`/owners-votes/${segment(id)}/ballots`, { method: 'POST', body });

export const enterPaperBallot = (id: Id, body: { ownerId: number; choice: VoteChoice; paperReference: string; proxyId?: number }) =>
  request<BallotReceipt>(`/owners-votes/${segment(id)}/paper-ballots`, { method: 'POST', body });

export const closeVote = (id: Id) => request<VoteResult>(`/owners-votes/${segment(id)}/close`, { method: 'POST' });
