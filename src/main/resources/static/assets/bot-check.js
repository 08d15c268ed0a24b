// The ALTCHA widget's proof-of-work worker, served from this site: the Content-Security-Policy allows
// scripts and workers from 'self' only, so the widget's own blob: worker would be refused.
globalThis.$altcha.algorithms.set('SHA-256', () => new Worker('/assets/vendor/altcha/sha.js'));
