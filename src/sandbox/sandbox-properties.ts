import { BOX_SANDBOX_CREDENTIALS } from './box/box-credentials.js';
import { DROPBOX_SANDBOX_CREDENTIALS } from './dropbox/dropbox-credentials.js';
import { SCIM_SANDBOX_CREDENTIALS } from './scim/scim-credentials.js';

/**
 * `&{sandbox.<name>.<credential>}` properties: the shipped conf/ references the sandboxes'
 * secrets through these instead of holding them, so conf files stay placeholders (never
 * encrypted in place, never a diff after `npm start`) and a real deployment swaps in
 * `&{ENV_VARIABLE}` references to its own secrets.
 */
export function sandboxCredentialProperties(): Record<string, string> {
  return {
    'sandbox.dropbox.clientSecret': DROPBOX_SANDBOX_CREDENTIALS.clientSecret,
    'sandbox.dropbox.refreshToken': DROPBOX_SANDBOX_CREDENTIALS.refreshToken,
    'sandbox.box.clientSecret': BOX_SANDBOX_CREDENTIALS.clientSecret,
    'sandbox.scim.clientSecret': SCIM_SANDBOX_CREDENTIALS.clientSecret,
    'sandbox.scim.password': SCIM_SANDBOX_CREDENTIALS.password,
    'sandbox.scim.token': SCIM_SANDBOX_CREDENTIALS.bearerToken,
  };
}
