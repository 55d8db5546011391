import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHousehold, listHouseholds } from '../../api/archive';
import { useShowError } from '../../components/useApi';

interface Option {
  value: number;
  label: string;
}

interface Props {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
}

const DEBOUNCE_MS = 350;

/** Finds a household of the archive by address or head's name, searching as one types. */
export function HouseholdSearchSelect({ id, value, onChange, placeholder }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<AbortController | null>(null);

  // A household chosen elsewhere (?householdId= from its record) needs its address to be shown.
  useEffect(() => {
    if (value === undefined || options.some((o) => o.value === value)) return;
    const controller = new AbortController();
    getHousehold(value, controller.signal).then(
      ({ household }) => setOptions((current) => [...current, { value, label: household.address }]),
      () => undefined,
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new value needs a lookup
  }, [value]);

  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  const search = (text: string) => {
    window.clearTimeout(timer.current);
    pending.current?.abort();
    const q = text.trim();
    if (!q) return;
    timer.current = window.setTimeout(() => {
      const controller = new AbortController();
      pending.current = controller;
      setLoading(true);
      listHouseholds({ q, page: 1, pageSize: 20 }, controller.signal).then(
        (page) => {
          setOptions(
            page.items.map((h) => ({
              value: Number(h.id),
              label: h.headName ? `${h.address} · ${h.headName}` : h.address,
            })),
          );
          setLoading(false);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setLoading(false);
          showError(error);
        },
      );
    }, DEBOUNCE_MS);
  };

  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      allowClear
      placeholder={placeholder}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
    />
  );
}
