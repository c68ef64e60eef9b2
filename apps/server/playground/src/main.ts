import './styles.css';
import { errorBox } from './answer-facts';
import { setUpChatView } from './chat-view';
import { setUpCompareView } from './compare-view';
import { byId, element } from './dom';
import { asGatewayError, forgetKey, onKeyChange, setKeyPrompt, storedKey } from './gateway-client';
import { keyDialogPrompt } from './key-dialog';
import { loadCatalog } from './model-catalog';
import { setUpRoutingView } from './routing-view';

const VIEWS = ['chat', 'compare', 'routing'] as const;
type View = (typeof VIEWS)[number];

function showKeyStatus(): void {
  byId('key-status').hidden = storedKey() === undefined;
}

async function start(): Promise<void> {
  setKeyPrompt(keyDialogPrompt());
  onKeyChange(showKeyStatus);
  showKeyStatus();
  byId('forget-key').addEventListener('click', forgetKey);

  const notice = byId('notice');
  let catalog: Awaited<ReturnType<typeof loadCatalog>>;
  try {
    catalog = await loadCatalog();
  } catch (caught) {
    const retry = element('button', { text: 'Try again', attributes: { type: 'button' } });
    retry.addEventListener('click', () => window.location.reload());
    notice.replaceChildren(
      element('p', { text: 'The playground could not read the models of this gateway.' }),
      errorBox(asGatewayError(caught)),
      retry,
    );
    notice.hidden = false;
    return;
  }

  setUpChatView(catalog);
  setUpCompareView(catalog);
  const routing = setUpRoutingView(catalog);

  const select = (view: View, focus = false) => {
    for (const name of VIEWS) {
      const tab = byId<HTMLButtonElement>(`tab-${name}`);
      const selected = name === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      byId(`view-${name}`).hidden = !selected;
      if (selected && focus) tab.focus();
    }
    if (view === 'routing') routing.show();
    else routing.hide();
  };
  const fromHash = (): View => {
    const name = window.location.hash.slice(1);
    return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'chat';
  };
  for (const [index, name] of VIEWS.entries()) {
    const tab = byId<HTMLButtonElement>(`tab-${name}`);
    tab.addEventListener('click', () => {
      window.location.hash = name;
    });
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length] ?? 'chat';
      window.location.hash = next;
      select(next, true);
    });
  }
  window.addEventListener('hashchange', () => select(fromHash()));
  select(fromHash());
  document.body.dataset.ready = 'true';
}

void start();
