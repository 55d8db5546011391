import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../components/formErrors';

/**
 * Submitting a form to the API: field messages go under the fields, anything else becomes the
 * returned error for a notice on top, and what was typed stays in the form.
 */
export function useFormSubmit<V, R>(form: FormInstance<V>, fields: readonly string[], submit: (values: V) => Promise<R>, onDone: (result: R) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const finish = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await submit(values));
    } catch (e) {
      setError(applyServerErrors(form, e, fields));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, finish: (values: V) => void finish(values) };
}

/** The notice of a refused submission. */
export function SubmitError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null;
}

