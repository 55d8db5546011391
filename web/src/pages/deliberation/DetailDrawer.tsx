import { Drawer, Spin } from 'antd';
import type { ReactNode } from 'react';

/**
 * The side panel of one meeting, resolution or vote. Its body scrolls, so it is focusable for
 * keyboard users even when it holds nothing else to focus (a closed vote's result).
 */
export function DetailDrawer({ title, loaded, onClose, children }: { title: string; loaded: boolean; onClose(): void; children: ReactNode }) {
  return (
    <Drawer open size="large" title={title} onClose={onClose}>
      {!loaded ? (
        <Spin />
      ) : (
        <div className="wb-stack" role="region" aria-label={title} tabIndex={0}>
          {children}
        </div>
      )}
    </Drawer>
  );
}
