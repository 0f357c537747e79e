"""The page's scripts: Gradio ``js_on_load`` handlers (``element``, ``send``, ``watch`` are Gradio's) and the script
that runs when an answer is complete."""

from __future__ import annotations


def _pick_js(selector: str, payload: str) -> str:
    """The script of a list whose items a click or Enter/Space picks (not a click on a link inside one): the item
    matching ``selector`` goes to the server as the event data ``payload`` (a JS object built from ``el``)."""
    return f"""
const send = (el) => trigger('click', {payload});
element.addEventListener('click', (e) => {{
  if (e.target.closest('a')) return;
  const el = e.target.closest('{selector}');
  if (el) send(el);
}});
element.addEventListener('keydown', (e) => {{
  const el = e.target.closest('{selector}');
  if (el && (e.key === 'Enter' || e.key === ' ')) {{ e.preventDefault(); send(el); }}
}});
"""


# A click on a card (not on its permalink) sends the card's data-* to the server, which checks it against the index,
# and the language of the answer the cards belong to, which the viewer's words follow.
# ("file", not "path": Gradio treats an event-data dict with a "path" key as an uploaded file and refuses it.)
CARDS_JS = _pick_js(
    ".gg-card[data-path]",
    "{version: el.dataset.version, file: el.dataset.path, "
    "start: parseInt(el.dataset.start, 10), end: parseInt(el.dataset.end, 10), "
    "lang: el.dataset.lang || ((el.closest('.gg-cards') || {dataset: {}}).dataset.lang || '')}",
)

# The chat's cards also answer a click on a citation marker in the answer ([3], a link to
# #gg-cite-<turn>-<n>~<version>~<path>~<start>~<end>): the card of that answer opens in the viewer; an older answer's
# marker, whose cards a later answer replaced, sends where it points instead (the server checks it as a card's), and
# so does a line the answer names ("line 222", a link to that one line of card n): the viewer opens at that line.
CHAT_CARDS_JS = (
    CARDS_JS
    + """
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href^="#gg-cite-"]');
  if (!a) return;
  e.preventDefault();
  e.stopPropagation();
  const [head, version, file, start, end] = a.getAttribute('href').slice('#gg-cite-'.length).split('~');
  const [turn, n] = head.split('-');
  const card = element.querySelector(`.gg-cards[data-turn="${turn}"] .gg-card[data-n="${n}"]`);
  const whole = !file || (card && card.dataset.start === start && card.dataset.end === end);
  if (card && whole) { card.scrollIntoView({block: 'nearest'}); send(card); return; }
  if (!file) return;
  const el = document.createElement('div');
  const box = element.querySelector(`.gg-cards[data-turn="${turn}"]`);
  const lang = box ? (box.dataset.lang || '') : '';
  Object.assign(el.dataset, {version: decodeURIComponent(version), path: decodeURIComponent(file), start, end, lang});
  send(el);
}, true);
"""
)

# A click (or Enter/Space) on a tour's step selects it: its position in the list goes to the server, which renders it.
STEPS_JS = _pick_js(".gg-step[data-step]", "{step: parseInt(el.dataset.step, 10)}")

# Scroll the code box to the cited lines whenever the viewer shows a new file.
VIEWER_JS = """
const scroll = () => {
  const box = element.querySelector('.gg-code');
  const hl = element.querySelector('#gg-cited');
  if (box && hl) box.scrollTop = Math.max(0, hl.offsetTop - 48);
  const v = element.querySelector('.gg-viewer');
  if (v) v.scrollIntoView({block: 'nearest'});
};
watch('value', scroll);
scroll();
"""


# When an answer is complete, the chat shows its question and first lines: following the streamed text (the
# Chatbot's autoscroll, which also scrolls to the end whenever the rendered answer grows) left a long answer at its
# end (a fresh-eyes trial read "See also" first). Only the chat box scrolls, never the page; after the last render.
ANSWER_TOP_JS = """
() => setTimeout(() => {
  const asked = document.querySelectorAll('#gg-chat [data-testid="user"], #gg-chat [data-testid="bot"]');
  const bots = document.querySelectorAll('#gg-chat [data-testid="bot"]');
  const answer = bots[bots.length - 1];
  if (!answer) return;
  const i = Array.prototype.indexOf.call(asked, answer);
  const last = i > 0 && asked[i - 1].dataset.testid === 'user' ? asked[i - 1] : answer;  // the question above it
  let box = last.parentElement;
  while (box && box.id !== 'gg-chat' && !(box.scrollHeight > box.clientHeight + 1 &&
         ['auto', 'scroll'].includes(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (!box || box.id === 'gg-chat') return;
  box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
}, 300)
"""


__all__ = ["ANSWER_TOP_JS", "CARDS_JS", "CHAT_CARDS_JS", "STEPS_JS", "VIEWER_JS"]
