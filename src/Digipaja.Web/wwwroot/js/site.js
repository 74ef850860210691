// Moves focus to the error summary (or another marked element) after a page loads, so that
// keyboard and screen-reader users start where the problem is explained.
const target = document.querySelector("[data-autofocus]");
if (target) target.focus();

// While a PDF download waits for its turn in the server's print queue, says which number it is in the queue.
const printStatus = document.querySelector("[data-print-status]");
if (printStatus) {
    let polling = null;
    document.addEventListener("click", event => {
        const link = event.target.closest("a[download][href*='.pdf']");
        if (!link || polling) return;
        let emptyPolls = 0, seen = false;
        polling = setInterval(async () => {
            try {
                const answer = await fetch("/Plans/Export/queue", { headers: { Accept: "application/json" } });
                const queue = await answer.json();
                if (queue.places.length > 0) seen = true; else emptyPolls++;
                printStatus.textContent = queue.message ?? "";
                if ((seen && queue.places.length === 0) || emptyPolls > 3) { clearInterval(polling); polling = null; }
            } catch { clearInterval(polling); polling = null; }
        }, 1500);
    });
}
