'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

const ACTION = '/dashboard/address-book/upload';

/**
 * The upload form. Without JavaScript a plain multipart POST (the route answers 303 to the import's page); with it,
 * the same POST through XMLHttpRequest for an upload progress bar, then "checking …" until the server answers.
 */
/** The form's texts, translated on the server (the address-book namespace is not sent to the client). */
export type UploadLabels = { file: string; region: string; submit: string; uploading: string; processing: string; failed: string };

export function UploadForm({ regions, errorText, labels }: { regions: readonly string[]; errorText?: string; labels: UploadLabels }) {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [processing, setProcessing] = useState(false);
  const [error, setError] = useState<string | undefined>();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ACTION);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgress(Math.round((ev.loaded / ev.total) * 100));
    xhr.upload.onload = () => setProcessing(true);
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as { location?: string; code?: string };
        } catch {
          return {};
        }
      })();
      if (xhr.status < 300 && body.location) return router.push(body.location);
      setProgress(null);
      setProcessing(false);
      router.push(`/dashboard/address-book?error=${encodeURIComponent(body.code ?? 'addressBook.notAContactFile')}`);
    };
    xhr.onerror = () => {
      setProgress(null);
      setProcessing(false);
      setError(labels.failed);
    };
    setError(undefined);
    setProgress(0);
    xhr.send(new FormData(e.currentTarget));
  }

  const busy = progress !== null;
  return (
    <form action={ACTION} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="flex flex-col gap-3">
      {(error ?? errorText) && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {error ?? errorText}
        </p>
      )}
      <label className="label" htmlFor="ab-file">
        {labels.file}
      </label>
      <input id="ab-file" name="file" type="file" required accept=".vcf,.vcard,.csv,text/vcard,text/x-vcard,text/csv" className="input" />
      <label className="label" htmlFor="ab-region">
        {labels.region}
      </label>
      <select id="ab-region" name="region" defaultValue="DE" className="input w-fit">
        {regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-primary w-fit" disabled={busy}>
        {labels.submit}
      </button>
      {busy && (
        <div role="status" aria-live="polite" className="flex flex-col gap-1">
          <progress max={100} value={processing ? undefined : (progress ?? 0)} className="w-full" />
          <span className="text-sm text-gray-700">{processing ? labels.processing : labels.uploading.replace('{percent}', String(progress ?? 0))}</span>
        </div>
      )}
    </form>
  );
}
