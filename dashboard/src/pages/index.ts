// Every page, in navigation order.
import './home.js';
import './account.js';
import './explorer.js';
