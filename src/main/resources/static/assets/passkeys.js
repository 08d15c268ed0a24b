/*
 * Passkeys in the browser: register one for the signed-in customer, sign in with one, or confirm a
 * password sign-in with one. Pages wire buttons by data attributes; no inline script is needed
 * (the Content-Security-Policy allows scripts from this origin only).
 *
 *   <button data-passkey-action="register" data-passkey-label-input="label">
 *   <button data-passkey-action="sign-in" data-next="/account">  (where to go once signed in)
 *   <button data-passkey-action="second-step" data-next="/account">
 *   <table data-passkey-list>  (filled with the customer's passkeys)
 *   <p data-passkey-status>     (what happened, in the page's language)
 *   <input type="hidden" data-passkey-csrf name="(header)" value="(token)">  (the page's CSRF token)
 *   <main data-fresh-sign-in="/sign-in?...">  (where to sign in again when the API asks for it)
 *
 * The same functions are on window.MamoriPasskeys for pages that build their own forms.
 */
(function () {
	'use strict';

	var API = '/api/v1/customer';

	function toBytes(base64url) {
		var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
		var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
		var bytes = new Uint8Array(binary.length);
		for (var i = 0; i < binary.length; i++) {
			bytes[i] = binary.charCodeAt(i);
		}
		return bytes.buffer;
	}

	function toBase64url(buffer) {
		var bytes = new Uint8Array(buffer);
		var binary = '';
		for (var i = 0; i < bytes.length; i++) {
			binary += String.fromCharCode(bytes[i]);
		}
		return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}

	function descriptors(list) {
		return (list || []).map(function (descriptor) {
			return { type: descriptor.type, id: toBytes(descriptor.id), transports: descriptor.transports };
		});
	}

	function creationOptions(json) {
		var options = Object.assign({}, json);
		options.challenge = toBytes(json.challenge);
		options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
		options.excludeCredentials = descriptors(json.excludeCredentials);
		return options;
	}

	function requestOptions(json) {
		var options = Object.assign({}, json);
		options.challenge = toBytes(json.challenge);
		if (json.allowCredentials && json.allowCredentials.length) {
			options.allowCredentials = descriptors(json.allowCredentials);
		}
		else {
			delete options.allowCredentials;
		}
		return options;
	}

	/** The credential in WebAuthn's JSON form: the browser's own toJSON() where it has one. */
	function credentialJson(credential) {
		if (typeof credential.toJSON === 'function') {
			return credential.toJSON();
		}
		var response = credential.response;
		var json = {
			id: credential.id,
			rawId: toBase64url(credential.rawId),
			type: credential.type,
			authenticatorAttachment: credential.authenticatorAttachment || undefined,
			clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
			response: { clientDataJSON: toBase64url(response.clientDataJSON) }
		};
		if (response.attestationObject) {
			json.response.attestationObject = toBase64url(response.attestationObject);
			json.response.transports = response.getTransports ? response.getTransports() : [];
		}
		else {
			json.response.authenticatorData = toBase64url(response.authenticatorData);
			json.response.signature = toBase64url(response.signature);
			if (response.userHandle) {
				json.response.userHandle = toBase64url(response.userHandle);
			}
		}
		return json;
	}

	/**
	 * The CSRF token to send: the page's own (an <input data-passkey-csrf> named after the header), as
	 * its forms send it; a page without one asks the API for a token.
	 */
	function csrfToken() {
		var field = document.querySelector('[data-passkey-csrf]');
		if (field && field.name && field.value) {
			return Promise.resolve({ headerName: field.name, token: field.value });
		}
		return fetch(API + '/csrf', { credentials: 'same-origin', cache: 'no-store' })
			.then(function (response) { return response.json(); });
	}

	function call(method, path, body) {
		return csrfToken()
			.then(function (csrf) {
				var headers = { 'Accept': 'application/json, application/problem+json' };
				headers[csrf.headerName] = csrf.token;
				var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
				if (body !== undefined) {
					headers['Content-Type'] = 'application/json';
					init.body = JSON.stringify(body);
				}
				return fetch(path, init);
			})
			.then(function (response) {
				if (response.status === 204) {
					return { ok: true, status: 204, body: null };
				}
				return response.json().then(function (json) {
					return { ok: response.ok, status: response.status, body: json };
				});
			});
	}

	/** Stop at a refusal, carrying the server's problem (title and detail in the customer's language). */
	function expectOk(result) {
		if (!result.ok) {
			var error = new Error((result.body && result.body.title) || String(result.status));
			error.problem = result.body;
			throw error;
		}
		return result.body;
	}

	function register(label) {
		return call('POST', API + '/passkeys/registration/options', {})
			.then(expectOk)
			.then(function (started) {
				return navigator.credentials.create({ publicKey: creationOptions(started.publicKey) })
					.then(function (credential) {
						return call('POST', API + '/passkeys/registration',
							{ challengeId: started.challengeId, label: label, credential: credentialJson(credential) });
					});
			})
			.then(expectOk);
	}

	function assertWith(optionsPath, answerPath) {
		return call('POST', optionsPath, {})
			.then(expectOk)
			.then(function (started) {
				return navigator.credentials.get({ publicKey: requestOptions(started.publicKey) })
					.then(function (credential) {
						return call('POST', answerPath,
							{ challengeId: started.challengeId, credential: credentialJson(credential) });
					});
			})
			.then(expectOk);
	}

	function signIn() {
		return assertWith(API + '/session/passkey/options', API + '/session/passkey');
	}

	function secondStep() {
		return assertWith(API + '/session/passkey/second-factor/options', API + '/session/passkey/second-factor');
	}

	function list() {
		return call('GET', API + '/passkeys').then(expectOk).then(function (body) { return body.passkeys; });
	}

	function rename(id, label) {
		return call('PUT', API + '/passkeys/' + encodeURIComponent(id), { label: label }).then(expectOk);
	}

	function remove(id) {
		return call('DELETE', API + '/passkeys/' + encodeURIComponent(id)).then(expectOk);
	}

	window.MamoriPasskeys = { register: register, signIn: signIn, secondStep: secondStep, list: list,
		rename: rename, remove: remove };

	// Wiring for pages that use the data attributes.

	function status(text) {
		document.querySelectorAll('[data-passkey-status]').forEach(function (element) {
			element.textContent = text;
		});
	}

	/**
	 * Say why it did not work: the server's problem in the customer's language; the browser's own
	 * refusal (the customer cancelled, or no passkey matched) with the page's message for it. A request
	 * that needs a fresh sign-in goes to sign in again and comes back.
	 */
	function failed(error, element) {
		var problem = error && error.problem;
		var fresh = document.querySelector('[data-fresh-sign-in]');
		if (problem && fresh && /fresh-sign-in-required$/.test(problem.type || '')) {
			window.location.assign(fresh.dataset.freshSignIn);
			return;
		}
		if (problem) {
			status(problem.title + ' ' + (problem.detail || ''));
		}
		else if (error && error.name === 'NotAllowedError' && element && element.dataset.notAllowed) {
			status(element.dataset.notAllowed);
		}
		else {
			status(String(error && error.message));
		}
	}

	/** Only a path of this site, never another host: the server chose it, this only makes sure. */
	function goTo(next) {
		window.location.assign(/^\/[a-z0-9\/-]*$/.test(next || '') ? next : '/account');
	}

	function when(time) {
		return time ? new Date(time).toLocaleString(document.documentElement.lang || undefined) : '';
	}

	function cell(row, text) {
		var td = document.createElement('td');
		td.textContent = text;
		row.appendChild(td);
		return td;
	}

	function button(text, action) {
		var element = document.createElement('button');
		element.type = 'button';
		element.textContent = text;
		element.addEventListener('click', action);
		return element;
	}

	function refresh() {
		var table = document.querySelector('[data-passkey-list]');
		if (!table) {
			return Promise.resolve();
		}
		var body = table.querySelector('tbody');
		return list().then(function (passkeys) {
			body.replaceChildren();
			if (!passkeys.length) {
				var empty = document.createElement('tr');
				cell(empty, table.dataset.none).colSpan = 4;
				body.appendChild(empty);
			}
			passkeys.forEach(function (passkey) {
				var row = document.createElement('tr');
				row.dataset.passkeyId = passkey.id;
				cell(row, passkey.label);
				cell(row, when(passkey.createdAt));
				cell(row, when(passkey.lastUsedAt));
				var actions = cell(row, '');
				actions.appendChild(button(table.dataset.rename, function () {
					var label = window.prompt(table.dataset.rename, passkey.label);
					if (label) {
						rename(passkey.id, label).then(refresh).catch(failed);
					}
				}));
				actions.appendChild(button(table.dataset.remove, function () {
					remove(passkey.id).then(refresh).catch(failed);
				}));
				body.appendChild(row);
			});
		}).catch(failed);
	}

	function wire() {
		var supported = !!(window.PublicKeyCredential && navigator.credentials);
		document.querySelectorAll('[data-passkey-action]').forEach(function (element) {
			if (!supported) {
				element.disabled = true;
				status(element.dataset.unsupported || '');
				return;
			}
			element.addEventListener('click', function () {
				var action = element.dataset.passkeyAction;
				var done = element.dataset.done || '';
				var refused = function (error) { failed(error, element); };
				status('');
				if (action === 'register') {
					var input = document.getElementById(element.dataset.passkeyLabelInput);
					register(input && input.value ? input.value : element.dataset.defaultLabel)
						.then(function () { status(done); return refresh(); })
						.catch(refused);
				}
				else if (action === 'sign-in') {
					signIn().then(function () { goTo(element.dataset.next); }).catch(refused);
				}
				else if (action === 'second-step') {
					secondStep().then(function () { goTo(element.dataset.next); }).catch(refused);
				}
			});
		});
		refresh();
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', wire);
	}
	else {
		wire();
	}
})();
