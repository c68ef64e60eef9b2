import { byId } from './dom';
import type { GatewayError, KeyPrompt } from './gateway-client';

/** The `<dialog>` that asks for the gateway's API key. */
export function keyDialogPrompt(): KeyPrompt {
  const dialog = byId<HTMLDialogElement>('key-dialog');
  const input = byId<HTMLInputElement>('key-input');
  const problem = byId('key-problem');
  let asked = false;
  byId('key-cancel').addEventListener('click', () => dialog.close('cancel'));

  return (reason: GatewayError) =>
    new Promise((resolve) => {
      // The first time, a 401 just means auth is on; after that, the key given was refused.
      problem.hidden = !asked;
      problem.textContent = asked ? `${reason.message} ${reason.hint ?? ''}`.trim() : '';
      asked = true;
      input.value = '';
      dialog.addEventListener(
        'close',
        () => {
          const key = input.value.trim();
          input.value = '';
          resolve(dialog.returnValue === 'ok' && key ? key : undefined);
        },
        { once: true },
      );
      dialog.returnValue = '';
      dialog.showModal();
      input.focus();
    });
}
