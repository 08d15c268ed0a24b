// The registration form: choosing "e-mail codes only" hides the password field, which is then not
// needed. Without this script the field stays visible and the server ignores it for that choice.
(() => {
	const choice = document.getElementById('passwordless');
	const field = document.getElementById('password-field');
	if (!choice || !field) {
		return;
	}
	const password = document.getElementById('password');
	const show = () => {
		field.hidden = choice.checked;
		password.disabled = choice.checked;
	};
	choice.addEventListener('change', show);
	show();
})();
