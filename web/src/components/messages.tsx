import { message } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';

type MessageInstance = ReturnType<typeof message.useMessage>[0];

const MessageContext = createContext<MessageInstance | null>(null);

/**
 * antd toast messages that follow the theme and language. Used instead of antd <App>, which
 * would also bring Modal and Notification into the first load.
 */
export function MessageProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
  return (
    <MessageContext.Provider value={api}>
      {holder}
      {children}
    </MessageContext.Provider>
  );
}

export function useMessage(): MessageInstance {
  const api = useContext(MessageContext);
  if (!api) throw new Error('useMessage needs a MessageProvider');
  return api;
}
