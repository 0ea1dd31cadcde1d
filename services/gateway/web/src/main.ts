import './styles.css';
import { startApp } from './app.js';

const host = document.getElementById('app');
if (host) startApp(host);
