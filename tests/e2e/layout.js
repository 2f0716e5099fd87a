minTarget => {
  const problems = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const describe = el => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    else if (el.classList.length) name += '.' + [...el.classList].slice(0, 2).join('.');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\s+/g, ' ').slice(0, 50);
    return text ? `${name} "${text}"` : name;
  };
  const shown = el => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 1 && rect.height > 1;  // a visually hidden text is 1 × 1
  };
  // Inside something that hides its overflow on purpose (a visually hidden text, the
  // skip link parked above the page): not what a person sees.
  const hiddenByDesign = el => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const rect = node.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return true;
      if (rect.bottom + window.scrollY < 0) return true;
    }
    return false;
  };

  if (doc.scrollWidth > width + 1) {
    problems.push(`the page is ${doc.scrollWidth} px wide on a ${width} px screen`);
  }
  const beyond = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el) || hiddenByDesign(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 || rect.left < -1) {
      // Report the outermost such element only.
      if (!beyond.some(outer => outer.contains(el))) beyond.push(el);
    }
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (clips && el.innerText && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`text cut off: ${describe(el)} (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
  }
  for (const el of beyond) {
    const rect = el.getBoundingClientRect();
    problems.push(`past the screen's edge: ${describe(el)} (${Math.round(rect.left)}–${Math.round(rect.right)} px of ${width})`);
  }

  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(selector)].filter(el => shown(el) && !hiddenByDesign(el));
  const rects = new Map(targets.map(el => [el, el.getBoundingClientRect()]));
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    return block && block.innerText.trim().length > el.innerText.trim().length;
  };
  const small = targets.filter(el => {
    const rect = rects.get(el);
    return (rect.width < minTarget - 0.5 || rect.height < minTarget - 0.5) && !inSentence(el);
  });
  const centre = rect => [rect.left + rect.width / 2, rect.top + rect.height / 2];
  const distance = ([x, y], rect) => Math.hypot(
    Math.max(rect.left - x, 0, x - rect.right), Math.max(rect.top - y, 0, y - rect.bottom));
  for (const el of small) {
    // Spacing exception: a 24 px circle on the target's centre meets no other target,
    // nor another small target's circle.
    const [x, y] = centre(rects.get(el));
    const crowded = targets.some(other => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      const rect = rects.get(other);
      if (small.includes(other)) {
        const [ox, oy] = centre(rect);
        return Math.hypot(ox - x, oy - y) < minTarget;
      }
      return distance([x, y], rect) < minTarget / 2;
    });
    if (crowded) {
      const rect = rects.get(el);
      problems.push(`tap target ${Math.round(rect.width)} × ${Math.round(rect.height)} px, too close to another: ${describe(el)}`);
    }
  }

  // Text in Polish (the page's language, or an element's own lang="pl").
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, code, pre, [translate=no]')) continue;
    const lang = (parent.closest('[lang]') || doc).getAttribute('lang') || '';
    if (lang.startsWith('pl') && node.textContent.trim()) texts.push(node.textContent);
  }
  return {problems, polish: texts.join(' ') + ' ' + document.title};
}
