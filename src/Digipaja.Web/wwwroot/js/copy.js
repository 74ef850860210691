// Copy buttons: <button data-copy="id-of-textarea" data-copy-status="id-of-live-region" data-copied="…" data-copy-failed="…" hidden>.
// The buttons stay hidden without JavaScript or clipboard access; the text can then be selected and copied by hand.
// The result is announced in the button's aria-live region.
for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!source || !status || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
        status.textContent = "";
        let message;
        try {
            await navigator.clipboard.writeText(source.value);
            message = button.dataset.copied;
        } catch {
            source.focus();
            source.select();
            message = button.dataset.copyFailed;
        }
        // A fresh change of the live region, so that a second copy is announced too.
        setTimeout(() => { status.textContent = message; }, 50);
    });
}
