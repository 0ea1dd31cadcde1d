import './styles.css';
import { startApp } from './app.js';
import { browserClickStream, installClickTracking } from './click-events.js';

const host = document.getElementById('app');
if (host) {
  const clicks = browserClickStream();
  installClickTracking(clicks);
  clicks.track('page_view');
  // Each view the address names (#/history, a plan …) is a page view of its own.
  window.addEventListener('hashchange', () => clicks.track('page_view'));
  startApp(host, clicks);
}
