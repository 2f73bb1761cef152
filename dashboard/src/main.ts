import './styles.css';
import 'uplot/dist/uPlot.min.css';
import { applyTheme } from './theme.js';
import './app.js';

applyTheme();

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No service worker (e.g. plain HTTP on a LAN name): the app still works, only not offline.
    });
  });
}
