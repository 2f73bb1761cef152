// Every page, in navigation order.
import './home.js';
import './explorer.js';
import './alerts.js';
import './admin.js';
import './account.js';
