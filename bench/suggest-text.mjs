// A deterministic news-like article of about `words` words for the suggestion benchmark:
// paragraphs of reporting with direct quotes (curly and straight marks, inverted and plain
// attribution, pronouns, a multi-paragraph quote), sentences with figures, and opinions. All
// made up here from templates: no third-party text. `lineBreaks: false` gives the same text
// as one paragraph, as a page pasted without its line breaks arrives (issue 13: the
// suggestions must stay fast on it).
const NAMES = ['Maria Delgado', 'Tomas Lindqvist', 'Amara Okafor', 'Jonas Weber', 'Priya Raman', 'Kenji Sato'];
const TITLES = ['Finance Minister', 'Senator', 'the mayor', 'a spokesperson'];
const TOPICS = ['the budget', 'the housing plan', 'the new rail line', 'school funding', 'the water tariff'];

export function makeSuggestText(words, { lineBreaks = true } = {}) {
  const paras = [];
  let count = 0;
  let i = 0;
  while (count < words) {
    const name = NAMES[i % NAMES.length];
    const last = name.split(' ')[1];
    const topic = TOPICS[i % TOPICS.length];
    const n = 3 + ((i * 7) % 40);
    const ps = [
      `${TITLES[i % TITLES.length][0].toUpperCase()}${TITLES[i % TITLES.length].slice(1)} ${name} spoke about ${topic} on Tuesday in the city council chamber.`,
      `“We cannot keep spending money we do not have on ${topic},” ${last} said. “The numbers simply do not add up for the next ${n} years.”`,
      `Unemployment in the region fell to ${(n / 10 + 3).toFixed(1)} percent in ${2000 + (i % 24)}, the lowest rate since ${1990 + (i % 20)}, according to the statistics office.`,
      `"It is a disgrace that ${topic} was left to the last minute," said ${NAMES[(i + 1) % NAMES.length]}, who has opposed the plan since ${2010 + (i % 10)}.`,
      `She added that the council had raised fees by ${n} percent while cutting ${n * 3} jobs. I think people deserve better, and we will see what happens next week.`,
      `‘This is the biggest investment in a generation,’ he told reporters. The plan costs $${n * 12} million, more than twice the original estimate.`,
    ];
    for (const p of ps) {
      paras.push(p);
      count += p.split(/\s+/).length;
    }
    i++;
  }
  return paras.join(lineBreaks ? '\n' : ' ');
}
