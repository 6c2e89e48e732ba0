import { Submission } from '@broadsheet/contracts';

/**
 * Demo news written for Broadsheet: invented stories about an invented week, in the shape a
 * regional news site carries (see shared/samples). Published through the real pipeline by `npm start`.
 */
const story = (
  externalId: string,
  category: string,
  headline: string,
  summary: string,
  paragraphs: string[],
  extra: Partial<Submission> = {},
): Submission => ({
  externalId,
  category,
  headline,
  summary,
  body: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
  bylines: ['Broadsheet Desk'],
  language: 'en',
  ...extra,
});

export const demoNews: Submission[] = [
  story(
    'demo-001',
    'Politics',
    'Parliament approves the national budget after a fourteen-hour session',
    'Lawmakers passed the spending plan shortly after dawn, with education and roads the largest winners.',
    [
      'The lower house approved the national budget on Tuesday morning by 142 votes to 96, ending a session that began the previous afternoon and ran through the night.',
      'Education receives the largest increase, with funds set aside for 600 new classrooms in rural districts. The roads ministry gets a fifth more than last year for the northern highway.',
      '“This is a budget for the provinces,” the finance committee chair told reporters outside the chamber. Opposition members said the revenue forecasts were optimistic.',
    ],
    { tags: ['budget', 'parliament'], bylines: ['Mariam Ahmadi'] },
  ),
  story(
    'demo-002',
    'Politics',
    'Border provinces agree a joint plan for winter road clearing',
    'Four governors signed a plan to share snowploughs and crews on the mountain passes.',
    [
      'Governors of four northern provinces signed an agreement on Monday to pool snow-clearing equipment and crews along the main mountain passes this winter.',
      'Under the plan, each province keeps a reserve of ploughs that can be sent across provincial lines within six hours of a closure.',
      'Traders welcomed the move. Last winter the main pass was closed for a combined 19 days, stranding hundreds of lorries.',
    ],
    { tags: ['roads', 'winter'] },
  ),
  story(
    'demo-003',
    'Politics',
    'Election commission publishes a timetable for local council votes',
    'Voter registration opens in March, with polling planned for early summer.',
    [
      'The election commission on Wednesday published the timetable for local council elections, the first in six years.',
      'Registration centres will open in every district in March. Candidates must file by the end of April, and polling is planned for the first week of June.',
      'Observers said the biggest test would be registering voters in remote villages before the spring planting season.',
    ],
    { tags: ['elections'] },
  ),
  story(
    'demo-004',
    'Business',
    'Saffron exporters report a record harvest and new buyers in the Gulf',
    'Growers in the west expect prices to hold despite the larger crop.',
    [
      'Saffron exporters say this autumn’s harvest is the largest on record, helped by a mild October and new fields planted three years ago.',
      'Two trading houses in the Gulf have signed multi-year contracts, the exporters’ association said, giving growers a floor price for the first time.',
      'Farmers warned that processing capacity is now the bottleneck: most stigmas are still separated by hand.',
    ],
    { tags: ['saffron', 'exports', 'agriculture'], bylines: ['Farid Noori'] },
  ),
  story(
    'demo-005',
    'Business',
    'Central bank holds its policy rate as inflation eases for a third month',
    'Consumer prices rose 4.1 percent from a year earlier, down from 5.3 percent in the summer.',
    [
      'The central bank left its policy rate unchanged on Thursday, saying inflation was easing but food prices remained volatile.',
      'Consumer prices rose 4.1 percent in October from a year earlier, the third monthly slowdown in a row.',
      'Economists expect the bank to wait until the spring before considering a cut.',
    ],
    { tags: ['inflation', 'central bank'] },
  ),
  story(
    'demo-006',
    'Business',
    'Kabul market traders move online as a delivery start-up expands',
    'A courier service now reaches eleven districts and handles 3,000 orders a day.',
    [
      'A delivery start-up founded two years ago by three university graduates now handles about 3,000 orders a day across eleven districts of the capital.',
      'Stallholders in the old market say online orders make up a quarter of their sales in winter, when fewer shoppers come out.',
      'The company plans to add cold storage so that fresh produce can be delivered the same day.',
    ],
    { tags: ['start-ups', 'retail'] },
  ),
  story(
    'demo-007',
    'Sport',
    'National cricket team names three uncapped players for the spring tour',
    'The selectors turned to the domestic championship’s leading wicket-takers.',
    [
      'Selectors named a 16-player squad for the spring tour on Friday, including three players yet to appear at international level.',
      'Two of them, both left-arm spinners, finished as the domestic championship’s leading wicket-takers this season.',
      'The captain said the squad had “the best balance we have had in years” and that the uncapped players had earned their places.',
    ],
    { tags: ['cricket'], bylines: ['Omid Sharifi'] },
  ),
  story(
    'demo-008',
    'Sport',
    'Buzkashi league season opens with a record crowd in Mazar',
    'More than 20,000 spectators watched the opening match on a frozen field.',
    [
      'The buzkashi league season opened on Friday in front of more than 20,000 spectators, the largest crowd since the league was founded.',
      'The defending champions won the opening match after a late goal, carrying the calf across the line in the final minute.',
      'Organisers said television rights sold this year would pay for new stands at three grounds.',
    ],
    { tags: ['buzkashi'] },
  ),
  story(
    'demo-009',
    'Sport',
    'Young wrestlers bring home four medals from the regional championships',
    'The under-20 team won one gold, one silver and two bronze medals.',
    [
      'The national under-20 wrestling team returned on Sunday with four medals from the regional championships.',
      'The gold came in the 65 kg freestyle category, where the 19-year-old champion won all five of his bouts.',
      'Coaches said the results showed the value of the new training centre opened last year.',
    ],
    { tags: ['wrestling'] },
  ),
  story(
    'demo-010',
    'Health',
    'Measles vaccination campaign reaches two million children',
    'Health workers went door to door in 14 provinces over three weeks.',
    [
      'A three-week measles vaccination campaign reached just over two million children in 14 provinces, the health ministry said on Saturday.',
      'Mobile teams travelled to villages that clinics do not reach, and mosques announced the teams’ arrival a day ahead.',
      'Doctors said coverage needed to stay above 95 percent to stop outbreaks like the one last spring.',
    ],
    { tags: ['vaccination', 'measles'], bylines: ['Dr. Laila Karimi'] },
  ),
  story(
    'demo-011',
    'Health',
    'New maternity wing opens at the provincial hospital in Herat',
    'The wing adds 60 beds and the province’s first neonatal intensive care unit.',
    [
      'A new maternity wing opened on Wednesday at the provincial hospital in Herat, adding 60 beds and a neonatal intensive care unit.',
      'Midwives said the old ward often held two mothers to a bed during the busiest months.',
      'The hospital is recruiting 40 nurses and midwives to staff the wing fully by spring.',
    ],
    { tags: ['hospitals', 'maternal health'] },
  ),
  story(
    'demo-012',
    'Technology',
    'Mobile money users pass five million as fees fall',
    'Operators cut transfer fees by half after the central bank set a cap.',
    [
      'The number of people using mobile money passed five million this month, according to the telecoms regulator.',
      'Operators halved transfer fees in September after the central bank capped them, and sign-ups doubled in the following weeks.',
      'Shopkeepers in provincial towns now act as agents, turning cash into mobile balance and back.',
    ],
    { tags: ['mobile money', 'telecoms'] },
  ),
  story(
    'demo-013',
    'Technology',
    'University opens a Dari and Pashto language technology lab',
    'Researchers will build spelling, search and speech tools for the two languages.',
    [
      'Kabul University opened a language technology lab on Monday to build spelling checkers, search tools and speech recognition for Dari and Pashto.',
      'The lab’s first project is a public collection of transcribed radio broadcasts that other researchers can use.',
      '“Most software still treats our languages as an afterthought,” the lab’s director said.',
    ],
    { tags: ['languages', 'research'] },
  ),
  story(
    'demo-014',
    'Culture',
    'Restored miniature paintings go on show at the national museum',
    'Twenty-two works from the Herat school return after three years of conservation.',
    [
      'Twenty-two miniature paintings from the Herat school went on display at the national museum on Thursday after three years of conservation work.',
      'Conservators removed layers of varnish added in the twentieth century, revealing the original lapis and gold.',
      'The exhibition runs until March, and entry is free for students and schoolchildren.',
    ],
    { tags: ['museums', 'art'], bylines: ['Sahar Rahimi'] },
  ),
  story(
    'demo-015',
    'Culture',
    'Poetry night in Kabul draws hundreds to hear young Dari poets',
    'The monthly gathering has outgrown its café and moved to a theatre.',
    [
      'Hundreds of people packed a theatre in Kabul on Thursday evening for a monthly poetry night that began three years ago in a small café.',
      'Twelve young poets read new work in Dari, several of them for the first time in public.',
      'Organisers plan to publish an anthology of poems from the first three years next spring.',
    ],
    { tags: ['poetry', 'literature'] },
  ),
];
