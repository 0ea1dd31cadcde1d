import './styles.css';
import { startApp } from './app.js';
import { browserClickStream, installClickTracking } from './click-events.js';

const host = document.getElementById('app');
if (host) {
  const clicks = browserClickStream();
  installClickTracking(clicks);
  startApp(host, clicks);
}
