// Reads Entra's error JSON (entra-facts.md §1.5). The trailers after the message were
// separated by "\r\n" until ~2023 and by single spaces since; error_codes is normally an
// int array (one MSAL fixture has it as a string); any field may be missing.
import { findAadstsCodes } from '../knowledge/aadsts';

export interface EntraErrorBody {
  error: string;
  /** error_description without the "AADSTSnnn: " prefix and without the trailers. */
  message: string;
  /** The raw error_description. */
  description: string;
  codes: number[];
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  errorUri?: string;
  suberror?: string;
  claims?: string;
}

// \s already covers \r and \n: spelling them out as (?:\r?\n|\s)+ gave two ways to match each CRLF,
// and exponential backtracking on a run of CRLFs before a malformed trailer.
const TRAILERS = /\s+Trace ID:\s*([0-9a-f-]+)(?:\s+Correlation ID:\s*([0-9a-f-]+))?(?:\s+Timestamp:\s*([0-9][0-9 :TZ.-]*Z?))?\s*$/i;

const TRAILER_WINDOW = 512;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length ? v : undefined;
}

/** Splits "AADSTS70011: The scope … Trace ID: … Correlation ID: … Timestamp: …" into its parts. */
export function splitDescription(description: string): {
  message: string;
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
} {
  // The trailers are the last ~150 characters. Matching only the tail keeps this linear: on a long
  // whitespace run the regex would otherwise retry from every position (minutes on a 1 MB body).
  const trimmed = description.trimEnd();
  const cut = Math.max(0, trimmed.length - TRAILER_WINDOW);
  const m = TRAILERS.exec(trimmed.slice(cut));
  const body = m ? trimmed.slice(0, cut + m.index) : description;
  return {
    message: body.replace(/^AADSTS\d+:\s*/, '').trim(),
    traceId: m?.[1],
    correlationId: m?.[2],
    timestamp: m?.[3]?.trim(),
  };
}

function parseCodes(v: unknown, description: string): number[] {
  let codes: number[] = [];
  if (Array.isArray(v)) codes = v.map((x) => Number(x)).filter((n) => Number.isInteger(n) && n > 0);
  else if (typeof v === 'string') codes = (v.match(/\d+/g) ?? []).map(Number);
  else if (typeof v === 'number') codes = [v];
  for (const c of findAadstsCodes(description)) if (!codes.includes(c)) codes.push(c);
  return codes;
}

/** Parses a response body; undefined when it is not Entra's OAuth error JSON. */
export function parseEntraError(body: string): EntraErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  const error = str(o.error);
  if (!error) return undefined;
  const description = str(o.error_description) ?? '';
  const parts = splitDescription(description);
  return {
    error,
    description,
    message: parts.message,
    codes: parseCodes(o.error_codes, description),
    traceId: str(o.trace_id) ?? parts.traceId,
    correlationId: str(o.correlation_id) ?? parts.correlationId,
    timestamp: str(o.timestamp) ?? parts.timestamp,
    errorUri: str(o.error_uri),
    suberror: str(o.suberror),
    claims: str(o.claims),
  };
}

/** True for bodies that look like an HTML page (proxy / gateway / captive portal). */
export function looksLikeHtml(contentType: string | undefined, body: string): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*(<!doctype html|<html)/i.test(body);
}

/** The <title> of an HTML page, trimmed, for messages. */
export function htmlTitle(body: string): string | undefined {
  // Bounded quantifiers and a bounded window: an unbounded [^>]* rescans to the end for every "<title".
  const m = /<title[^>]{0,200}>([^<]{1,200})<\/title>/i.exec(body.slice(0, 64 * 1024));
  return m?.[1]?.replace(/\s+/g, ' ').trim() || undefined;
}
