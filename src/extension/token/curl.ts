// "Copy Request as curl": the exact token request of a config section, for reproducing it outside
// the editor. The secret or assertion is an environment-variable reference, never inline, so this
// reads no secret and sends nothing (fine in Restricted Mode).
import * as vscode from 'vscode';
import { previewTokenRequest, renderCurl, renderRawHttp, type ClientCredential } from '../../core/token';
import { allowedAuthorityHosts } from '../settings';
import { prepareRequest } from './acquire';
import { resolveTarget } from './target';

export async function copyRequestCommand(arg?: unknown, form?: 'curl' | 'http'): Promise<string | undefined> {
  const target = await resolveTarget(arg, { wantApi: true });
  if (!target) return undefined;
  const prepared = await prepareRequest(target);
  if (!prepared) return undefined;
  const { cfg, clientId, scopes } = prepared;
  const plan = cfg.credentials.find((c) => c.plan.kind !== 'skip' && c.plan.kind !== 'unusable')?.plan;
  const kind: ClientCredential['kind'] = plan?.kind === 'certificate-file' || plan?.kind === 'certificate-base64' ? 'certificate' : plan?.kind === 'federated-file' ? 'federated' : 'secret';
  const authority = cfg.authority.instance || cfg.authority.authority ? cfg.authority : { ...cfg.authority, instance: 'https://login.microsoftonline.com/' };
  const preview = previewTokenRequest({ authority, clientId, scopes, credential: { kind } }, { allowedHosts: allowedAuthorityHosts() });
  let chosen = form;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'curl (bash/zsh)', form: 'curl' as const },
        { label: 'Raw HTTP request', form: 'http' as const },
      ],
      { title: 'Copy the token request as', placeHolder: kind === 'secret' ? 'The secret is written as $ENTRA_CLIENT_SECRET' : 'The assertion is written as $ENTRA_CLIENT_ASSERTION' },
    );
    if (!pick) return undefined;
    chosen = pick.form;
  }
  const text = chosen === 'curl' ? renderCurl(preview) : renderRawHttp(preview);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(
    `Token request copied as ${chosen === 'curl' ? 'curl' : 'raw HTTP'}. Set ${kind === 'secret' ? 'ENTRA_CLIENT_SECRET' : 'ENTRA_CLIENT_ASSERTION'} in your shell before running it; the value is never copied.`,
  );
  return text;
}
