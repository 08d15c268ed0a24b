// The bot check's one entry point. It loads the ALTCHA widget and its Japanese texts, then gives the
// widget its proof-of-work worker, served from this site: the Content-Security-Policy allows scripts and
// workers from 'self' only, so the widget's own blob: worker would be refused.
//
// The imports are evaluated, and the worker registered, in one go before any timer can run, so a widget
// that starts by itself on load always finds its algorithm. (Loaded as three separate scripts, the widget
// could fetch its challenge and look for the algorithm before this file had run, on a slow connection,
// and then stay unsolved.)
import './vendor/altcha/altcha.min.js';
import './vendor/altcha/ja.js';

globalThis.$altcha.algorithms.set('SHA-256', () => new Worker('/assets/vendor/altcha/sha.js'));
