import { useEffect, useState } from 'react';
import { getTileUrl } from '../../api/cases';

/** The deployment's map tile URL (null: draw without a base layer, offline); undefined until known. */
export function useTileUrl(): string | null | undefined {
  const [tileUrl, setTileUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getTileUrl().then((url) => live && setTileUrl(url));
    return () => {
      live = false;
    };
  }, []);
  return tileUrl;
}
