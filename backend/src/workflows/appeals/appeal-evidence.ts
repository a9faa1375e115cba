import { MAX_APPEAL_EVIDENCE_BYTES, type AppealEvidenceJson } from '@envface/streams';
import { ApiError } from '../../platform/web/api-error';
import { photoTypeOf } from '../complaints/photo-type';
import { reencodePhoto } from '../complaints/photo-reencoder';
import type { AppealEvidenceRow } from './appeal-evidence.repository';

export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

export function evidenceJson(r: AppealEvidenceRow): AppealEvidenceJson {
  return { id: r.id, fileName: r.file_name, contentType: r.content_type as EvidenceType, size: Number(r.size), createdAt: r.created_at.toISOString() };
}

/** The type by the first bytes, never by the client's claim or the file name. */
export function evidenceTypeOf(bytes: Buffer): EvidenceType | null {
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return photoTypeOf(bytes);
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined, type: EvidenceType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 120);
  if (clean.length > 0) return clean;
  return `evidence.${type === 'application/pdf' ? 'pdf' : type.slice(6).replace('jpeg', 'jpg')}`;
}

/** Checks an upload and returns what is stored: PDFs as sent, images re-encoded like complaint photos. */
export async function acceptEvidence(file: { buffer: Buffer; size: number; originalname?: string }): Promise<{ fileName: string; contentType: EvidenceType; bytes: Buffer }> {
  if (file.size > MAX_APPEAL_EVIDENCE_BYTES) throw new ApiError(413, 'too_large', `A file must be at most ${MAX_APPEAL_EVIDENCE_BYTES / 1024 / 1024} MB`);
  const type = evidenceTypeOf(file.buffer);
  if (!type) throw new ApiError(400, 'unsupported_file_type', 'Evidence must be a PDF, JPEG, PNG or WebP file');
  // multer decodes the name as latin1; browsers send UTF-8 bytes.
  const name = file.originalname ? Buffer.from(file.originalname, 'latin1').toString('utf8') : undefined;
  const bytes = type === 'application/pdf' ? file.buffer : await reencodePhoto(file.buffer, type);
  return { fileName: cleanFileName(name, type), contentType: type, bytes };
}
