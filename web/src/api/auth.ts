import { request } from './client';
import type { CurrentUser, LoginResult, Meta } from './types';

export const getMeta = (signal?: AbortSignal) => request<Meta>('/meta', { signal, signOutOn401: false });

export const login = (username: string, password: string) =>
  request<LoginResult>('/auth/login', { method: 'POST', body: { username, password }, signOutOn401: false });

export const logout = () => request<void>('/auth/logout', { method: 'POST', signOutOn401: false });

export const getMe = async (signal?: AbortSignal): Promise<CurrentUser> =>
  (await request<{ user: CurrentUser }>('/auth/me', { signal, signOutOn401: false })).user;

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
