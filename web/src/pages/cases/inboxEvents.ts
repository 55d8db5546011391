// The bell in the top bar and the notifications page share one unread count: whoever changes it says so.
const INBOX_CHANGED = 'gongzhi:inbox-changed';

export function announceInboxChanged(): void {
  window.dispatchEvent(new Event(INBOX_CHANGED));
}

export function onInboxChanged(listener: () => void): () => void {
  window.addEventListener(INBOX_CHANGED, listener);
  return () => window.removeEventListener(INBOX_CHANGED, listener);
}
