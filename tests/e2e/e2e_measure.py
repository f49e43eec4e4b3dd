"""Measurements the readability tests share: characters a line of prose holds."""

# Characters a line of prose holds: a paragraph's width over the mean width of its own
# characters, measured on one unwrapped copy of its text (typeset maths and runs of white space
# left out) in the same font.
CHARS_PER_LINE = """(selector) => [...document.querySelectorAll(selector)]
    .filter(p => p.offsetParent !== null)
    .map(p => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement.closest('mjx-container, .MathJax, script')) {
                text += node.textContent;
            }
        }
        text = text.replace(/\\s+/g, ' ').trim();
        if (text.length < 150) return null;
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'pre';
        probe.textContent = text;
        p.appendChild(probe);
        const perChar = probe.getBoundingClientRect().width / text.length;
        probe.remove();
        return p.clientWidth / perChar;
    })
    .filter(n => n !== null)"""
MAX_CHARS = 95  # "about 90 characters a line"
