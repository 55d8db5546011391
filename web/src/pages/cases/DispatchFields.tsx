import { Alert, Form, Input, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLER_KINDS, listOrganisations, type ActionBodies, type CaseView, type HandlerKind, type Organisation } from '../../api/cases';
import { useShowError } from '../../components/useApi';
import type { CasePlace } from './CaseActionDialog';

export interface DispatchValues {
  dispatchMode: 'default' | 'choose';
  handlerKind?: HandlerKind;
  handlerOrgId?: number;
  note?: string;
}

/** Grid and residents' committee are the case's own; departments and property companies are chosen by id. */
export function dispatchBody(v: DispatchValues, c: CaseView): ActionBodies['dispatch'] {
  const note = v.note?.trim() || undefined;
  if (v.dispatchMode !== 'choose' || !v.handlerKind) return { note };
  switch (v.handlerKind) {
    case 'grid':
      return { handlerKind: 'grid', handlerNodeId: c.gridId ?? undefined, note };
    case 'residents_committee':
      return { handlerKind: 'residents_committee', handlerNodeId: c.communityId ?? undefined, note };
    case 'property_company':
    case 'department':
      return { handlerKind: v.handlerKind, handlerOrgId: v.handlerOrgId, note };
  }
}

type OrgKind = 'department' | 'property_company';
const isOrgKind = (kind: HandlerKind | undefined): kind is OrgKind => kind === 'department' || kind === 'property_company';

/** The dispatch form's fields: the category's default unit, or a unit of a chosen kind. */
export function DispatchFields({ caseView, place }: { caseView: CaseView; place: CasePlace }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const form = Form.useFormInstance<DispatchValues>();
  const mode = Form.useWatch('dispatchMode', form);
  const kind = Form.useWatch('handlerKind', form);
  const [units, setUnits] = useState<Partial<Record<OrgKind, Organisation[]>>>({});

  useEffect(() => {
    if (mode !== 'choose' || !isOrgKind(kind) || units[kind]) return;
    const controller = new AbortController();
    listOrganisations(kind, controller.signal).then(
      (items) => setUnits((current) => ({ ...current, [kind]: items })),
      (error: unknown) => showError(error),
    );
    return () => controller.abort();
  }, [mode, kind, units, showError]);

  const kindLabel = kind ? t(`caseEnums.handlerKind.${kind}`) : '';
  const ownUnit = (name: string | null, id: number | null, label: string) =>
    id === null ? (
      <Alert type="warning" showIcon title={t('actions.unknownPlace', { kind: kindLabel })} />
    ) : (
      <p>{name ? t('wb.labelValue', { label, value: name }) : label}</p>
    );

  return (
    <>
      <Form.Item name="dispatchMode" label={t('actions.dispatchTo')}>
        <Radio.Group
          options={[
            { value: 'default', label: t('actions.dispatchDefault') },
            { value: 'choose', label: t('actions.dispatchChoose') },
          ]}
        />
      </Form.Item>
      {mode === 'choose' && (
        <>
          <Form.Item
            name="handlerKind"
            label={t('actions.handlerKind')}
            rules={[{ required: true, message: t('actions.handlerUnitRequired') }]}
          >
            <Select
              options={HANDLER_KINDS.map((k) => ({ value: k, label: t(`caseEnums.handlerKind.${k}`) }))}
              onChange={() => form.setFieldValue('handlerOrgId', undefined)}
            />
          </Form.Item>
          {kind === 'grid' && ownUnit(place.gridName, caseView.gridId, t('actions.caseGrid'))}
          {kind === 'residents_committee' &&
            ownUnit(place.communityName, caseView.communityId, t('actions.caseCommunity'))}
          {isOrgKind(kind) &&
            (units[kind]?.length === 0 ? (
              <Alert type="info" showIcon title={t('actions.noUnits', { kind: kindLabel })} />
            ) : (
              <Form.Item
                name="handlerOrgId"
                label={t('actions.handlerUnit')}
                rules={[{ required: true, message: t('actions.handlerUnitRequired') }]}
              >
                <Select
                  loading={!units[kind]}
                  options={(units[kind] ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            ))}
        </>
      )}
      <Form.Item name="note" label={`${t('actions.note')}${t('wb.optional')}`}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}
