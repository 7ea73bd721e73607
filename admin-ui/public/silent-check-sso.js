// Hands the silent sign-in answer (the URL with the code or the error) to the app that framed this page.
parent.postMessage(location.href, location.origin);
