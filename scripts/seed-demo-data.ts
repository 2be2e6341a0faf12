// The data of the demo (npm run seed:demo), in Italian: a chamber of commerce of Trentino, its schools, jurors and a
// sponsor company, and one edition of the promoter per phase of the rules' lifecycle. Only data here: the seeding is
// scripts/seed-demo-build.ts, the guide printed at the end scripts/seed-demo-guide.ts.
import { OrganizationKind } from '#domain/organizations/organization.entity.js';

/** Every demo account shares this password (at least 10 characters, docs/rules.md). */
export const DEMO_PASSWORD = 'climathon-demo-2026';
/**
 * The demo's accounts, and only they, have their email at this domain: it is how `--reset` tells the demo's rows from
 * everyone else's (scripts/seed-demo-reset.ts). `.test` is a reserved top-level domain: no real mailbox is there.
 */
export const DEMO_DOMAIN = 'climathon.test';
export const DAY = 24 * 3600_000;

// ------------------------------------------------------------------------------------------------ the demo data

export interface Person {
  email: string;
  name: string;
}
export const person = (local: string, name: string): Person => ({ email: `${local}@${DEMO_DOMAIN}`, name });

export const ADMIN = person('admin', 'Amministrazione Piattaforma');
export const ORGANIZER = person('laura.bertoldi', 'Laura Bertoldi');
export const ORGANIZER_2 = person('davide.pojer', 'Davide Pojer');
export const JURORS = [person('francesca.gretter', 'Francesca Gretter'), person('paolo.dalpiaz', 'Paolo Dalpiaz')];
export const SPONSORS = [person('marco.zanon', 'Marco Zanon'), person('giulia.sartori', 'Giulia Sartori')];

export const PROMOTER = { name: 'Camera di Commercio di Trento', kind: OrganizationKind.PROMOTER, city: 'Trento', district: 'Trento', sector: 'Ente pubblico economico' };
export const COMPANY = { name: 'Acquedotti Dolomiti S.p.A.', kind: OrganizationKind.COMPANY, city: 'Trento', district: 'Trento', sector: 'Servizi idrici ed energia' };
export const LAB = {
  name: 'Centro Ricerche Ambiente Alpino',
  kind: OrganizationKind.RESEARCH_LAB,
  city: "San Michele all'Adige",
  district: 'Trento',
  sector: 'Ricerca ambientale',
};

export interface SchoolData {
  name: string;
  city: string;
  district: 'Trento' | 'Rovereto';
  teacher: Person;
}
export const SCHOOLS: SchoolData[] = [
  { name: 'Liceo Scientifico Galileo Galilei', city: 'Trento', district: 'Trento', teacher: person('chiara.pedrotti', 'Prof.ssa Chiara Pedrotti') },
  { name: 'ITT Michelangelo Buonarroti', city: 'Trento', district: 'Trento', teacher: person('andrea.moser', 'Prof. Andrea Moser') },
  { name: 'Istituto Marie Curie', city: 'Pergine Valsugana', district: 'Trento', teacher: person('elena.tomasi', 'Prof.ssa Elena Tomasi') },
  { name: 'Liceo Antonio Rosmini', city: 'Rovereto', district: 'Rovereto', teacher: person('stefano.gerola', 'Prof. Stefano Gerola') },
  { name: 'ITET Felice e Gregorio Fontana', city: 'Rovereto', district: 'Rovereto', teacher: person('silvia.baldessari', 'Prof.ssa Silvia Baldessari') },
  { name: 'Istituto Don Lorenzo Milani', city: 'Rovereto', district: 'Rovereto', teacher: person('luca.marchi', 'Prof. Luca Marchi') },
];

export const THEMES = [
  { name: 'Acqua', description: "Risparmio idrico, qualità di fiumi e laghi, recupero dell'acqua piovana a scuola e in città." },
  { name: 'Spreco alimentare', description: 'Mense scolastiche, filiera corta, recupero delle eccedenze ed educazione a un consumo consapevole.' },
  { name: 'Mobilità', description: 'Spostamenti casa-scuola sostenibili: bicicletta, trasporto pubblico, car pooling e pedibus.' },
] as const;
export type ThemeName = (typeof THEMES)[number]['name'];

export const CRITERIA = [
  { name: 'Impatto ambientale', description: "Quanta CO2, acqua o cibo si risparmia se l'idea funziona.", weight: 3, maxScore: 10 },
  { name: 'Fattibilità', description: 'Si può realizzare con le risorse della scuola e del territorio entro un anno?', weight: 2, maxScore: 10 },
  { name: 'Originalità', description: 'Quanto è nuova la soluzione rispetto a ciò che già esiste.', weight: 1, maxScore: 10 },
];

/** An idea as a team writes it (saveIdea's fields). */
export interface IdeaData {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  impact: string;
  tags: string[];
}

interface TeamData {
  school: number;
  name: string;
  className: string;
  students: number;
  idea: IdeaData & { theme: ThemeName; submit: boolean };
}
const TEAMS: TeamData[] = [
  {
    school: 0,
    name: "Le Sentinelle dell'Adige",
    className: '4A scientifico',
    students: 4,
    idea: {
      theme: 'Acqua',
      title: "Sensori low-cost per la qualità dell'Adige",
      submit: true,
      summary: "Una rete di sensori costruiti in classe misura torbidità e temperatura dell'Adige e pubblica i dati in una mappa aperta.",
      problem: "I dati sulla qualità dell'acqua sono raccolti raramente e pochi cittadini sanno come sta il fiume che attraversa la città.",
      solution: 'Costruiamo con Arduino cinque centraline galleggianti, le installiamo con i pescatori sportivi e pubblichiamo le misure ogni ora su un sito della scuola.',
      impact: 'Allarmi precoci in caso di scarichi anomali e una comunità più attenta alla salute del fiume.',
      tags: ['sensori', 'fiume', 'open data'],
    },
  },
  {
    school: 0,
    name: 'Zero Avanzi',
    className: '3B scientifico',
    students: 3,
    idea: {
      theme: 'Spreco alimentare',
      title: 'La app della mensa che prenota solo ciò che mangi',
      submit: true,
      summary: 'Gli studenti scelgono il menù il giorno prima: la cucina prepara le porzioni giuste e dona le eccedenze.',
      problem: 'Nella mensa del nostro liceo finisce nel bidone circa un pasto su cinque.',
      solution: 'Una web app collegata al registro elettronico raccoglie le prenotazioni entro le 18 e stima le porzioni; ciò che avanza va al Banco Alimentare.',
      impact: 'Stimiamo 2 tonnellate di cibo salvato ogni anno scolastico.',
      tags: ['mensa', 'app', 'eccedenze'],
    },
  },
  {
    school: 1,
    name: 'Bit Verdi',
    className: '4B informatica',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: 'Rubinetti intelligenti per i bagni della scuola',
      submit: true,
      summary: "Riduttori di flusso e sensori di perdita segnalano gli sprechi d'acqua al custode in tempo reale.",
      problem: "Rubinetti gocciolanti e cassette che perdono sprecano migliaia di litri d'acqua potabile ogni mese.",
      solution: 'Installiamo riduttori di flusso e sensori di umidità collegati via LoRa a un pannello di controllo sviluppato dalla classe.',
      impact: "Fino al 30% di acqua in meno nei servizi igienici dell'istituto.",
      tags: ['iot', 'risparmio idrico'],
    },
  },
  {
    school: 1,
    name: 'Pedala Trento',
    className: '5A elettronica',
    students: 4,
    idea: {
      theme: 'Mobilità',
      title: 'Bike to school con punti premio',
      submit: true,
      summary: 'Un conta-bici alla rastrelliera assegna punti a chi arriva in bicicletta, spendibili nei negozi del quartiere.',
      problem: 'La maggior parte degli studenti arriva a scuola in auto anche quando abita a meno di tre chilometri.',
      solution: 'Un lettore NFC sulla rastrelliera registra gli arrivi in bici; i commercianti della zona offrono sconti in cambio dei punti.',
      impact: "Meno traffico davanti alla scuola e circa 15 tonnellate di CO2 evitate all'anno.",
      tags: ['bicicletta', 'incentivi', 'nfc'],
    },
  },
  {
    school: 2,
    name: 'Orti di Classe',
    className: '3C agraria',
    students: 3,
    idea: {
      theme: 'Spreco alimentare',
      title: "Dal compost della mensa all'orto della scuola",
      submit: false,
      summary: 'Gli scarti della mensa diventano compost per un orto didattico che rifornisce la mensa stessa.',
      problem: 'Gli scarti organici della mensa vengono smaltiti come rifiuto indifferenziato.',
      solution: 'Una compostiera elettromeccanica e un orto di 200 metri quadri curato a turno dalle classi.',
      impact: 'Chiudere il cerchio: meno rifiuti e verdura a chilometro zero.',
      tags: ['compost', 'orto'],
    },
  },
  {
    school: 3,
    name: 'Goccia dopo Goccia',
    className: '4D scienze applicate',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: "Recupero dell'acqua piovana per il giardino della scuola",
      submit: true,
      summary: 'Cisterne collegate alle grondaie raccolgono la pioggia per irrigare il giardino e pulire i cortili.',
      problem: "Il giardino e i campi sportivi vengono irrigati con acqua potabile anche d'estate.",
      solution: 'Progettiamo con il Comune un sistema di cisterne da 10.000 litri con pompa solare e un contatore che mostra i litri risparmiati.',
      impact: 'Circa 150.000 litri di acqua potabile risparmiati ogni anno.',
      tags: ['pioggia', 'irrigazione', 'solare'],
    },
  },
  {
    school: 3,
    name: 'Mensa Zero Sprechi',
    className: '3A classico',
    students: 4,
    idea: {
      theme: 'Spreco alimentare',
      title: 'Il frigo solidale del quartiere',
      submit: true,
      summary: 'Un frigorifero condiviso davanti alla scuola dove negozi e famiglie lasciano il cibo in scadenza.',
      problem: 'Supermercati e famiglie buttano cibo ancora buono mentre alcune famiglie del quartiere fanno fatica.',
      solution: 'Con una cooperativa sociale gestiamo un frigo solidale con regole igieniche chiare e turni di controllo degli studenti.',
      impact: 'Cibo recuperato e una rete di solidarietà tra scuola e quartiere.',
      tags: ['solidarietà', 'quartiere'],
    },
  },
  {
    school: 4,
    name: 'Bus Smart Rovereto',
    className: '5B turismo',
    students: 3,
    idea: {
      theme: 'Mobilità',
      title: 'Orari degli autobus su misura per gli studenti',
      submit: true,
      summary: "Un sondaggio e i dati delle timbrature aiutano l'azienda dei trasporti a ridisegnare le corse scolastiche.",
      problem: "Molti autobus arrivano troppo presto o troppo tardi rispetto all'orario delle lezioni, e gli studenti scelgono l'auto.",
      solution: "Raccogliamo le esigenze di 2.000 studenti e proponiamo all'azienda dei trasporti tre corse ridisegnate con un simulatore.",
      impact: 'Più studenti sui mezzi pubblici e meno auto in centro nelle ore di punta.',
      tags: ['autobus', 'dati', 'trasporto pubblico'],
    },
  },
  {
    school: 5,
    name: 'Acqua Bene Comune',
    className: '4A liceo linguistico',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: 'Borracce e fontanelle in ogni piano',
      submit: true,
      summary: 'Fontanelle di acqua filtrata su ogni piano e una borraccia per ogni studente per eliminare le bottiglie di plastica.',
      problem: 'Ogni giorno la scuola consuma centinaia di bottiglie di plastica monouso.',
      solution: 'Installiamo quattro erogatori di acqua di rete filtrata e distribuiamo borracce disegnate dagli studenti.',
      impact: "Oltre 60.000 bottiglie di plastica in meno all'anno.",
      tags: ['plastica', 'borracce'],
    },
  },
  {
    school: 5,
    name: 'Bici Bus',
    className: '2B',
    students: 4,
    idea: {
      theme: 'Mobilità',
      title: 'Il bicibus della Vallagarina',
      submit: false,
      summary: 'Percorsi in bicicletta accompagnati da genitori volontari che raccolgono gli studenti lungo la ciclabile.',
      problem: 'I genitori non lasciano andare i ragazzi in bici da soli perché temono il traffico.',
      solution: 'Tre linee di bicibus con fermate e orari fissi, segnaletica dedicata e giubbotti ad alta visibilità.',
      impact: 'Più autonomia per i ragazzi e meno auto davanti alla scuola.',
      tags: ['bicibus', 'ciclabile'],
    },
  },
];

const FIRST_NAMES = [
  'Giulia',
  'Matteo',
  'Sofia',
  'Lorenzo',
  'Aurora',
  'Leonardo',
  'Alice',
  'Francesco',
  'Ginevra',
  'Tommaso',
  'Emma',
  'Riccardo',
  'Giorgia',
  'Edoardo',
  'Beatrice',
  'Gabriele',
  'Anna',
  'Alessandro',
  'Chiara',
  'Davide',
  'Martina',
  'Filippo',
  'Elisa',
  'Nicola',
  'Vittoria',
  'Pietro',
  'Noemi',
  'Samuele',
  'Irene',
  'Michele',
  'Greta',
  'Jacopo',
  'Marta',
  'Simone',
  'Sara',
  'Federico',
  'Camilla',
  'Elia',
  'Bianca',
  'Mattia',
  'Rebecca',
  'Emanuele',
  'Ludovica',
  'Cristian',
  'Viola',
  'Giacomo',
];
const SURNAMES = [
  'Rossi',
  'Dallapiccola',
  'Fontana',
  'Bonomi',
  'Ferrari',
  'Giovannini',
  'Zanella',
  'Pisoni',
  'Cristofori',
  'Frizzera',
  'Bazzanella',
  'Leonardi',
  'Tamanini',
  'Girardi',
  'Conci',
  'Broll',
  'Pedrini',
  'Valentini',
  'Eccher',
  'Oss',
];

const asciiLocal = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');

/** The demo's users of an edition's class: `Nome Cognome` -> nome.cognome@climathon.test. */
export const studentPerson = (name: string): Person => person(asciiLocal(name), name);

// ------------------------------------------------------------------------------------------------ phase 1: submissions open

/** A class of an edition: its school (index in SCHOOLS), its students, the idea it writes. */
export interface ClassData {
  school: number;
  name: string;
  className: string;
  students: Person[];
  theme: string;
  idea: IdeaData;
  submit: boolean;
}

/** This year's edition, open for submissions: ten classes, eight ideas submitted and two still drafts. */
export const CURRENT_TITLE = 'Climathon Scuole Trentino';
export const CURRENT_DESCRIPTION =
  'La Camera di Commercio di Trento invita le classi delle scuole superiori dei distretti di Trento e Rovereto a proporre idee ' +
  'concrete per il clima del proprio territorio. Le squadre, guidate dai loro docenti, scelgono uno dei tre temi, presentano ' +
  "un'idea e la difendono davanti a una giuria di esperti. Le idee migliori potranno essere adottate dalle imprese madrine " +
  'e diventare mini-imprese educative.';

export const CURRENT_CLASSES: ClassData[] = (() => {
  let index = 0;
  return TEAMS.map(({ idea: { theme, submit, ...idea }, students, ...team }) => ({
    ...team,
    theme,
    submit,
    idea,
    students: Array.from({ length: students }, () => {
      const first = FIRST_NAMES[index % FIRST_NAMES.length];
      const last = SURNAMES[(index++ * 7) % SURNAMES.length];
      return person(asciiLocal(`${first} ${last}`), `${first} ${last}`);
    }),
  }));
})();

/** The class whose idea is still a draft: its student edits it, its coach submits it. */
export const DRAFT_CLASS = CURRENT_CLASSES.find((c) => c.name === 'Orti di Classe')!;

// ------------------------------------------------------------------------------------------------ phase 5: the roster class

/** A class of the current edition whose students have no email: its coach creates them with addStudents. */
export const ROSTER_CLASS = {
  school: 2,
  name: 'I Custodi del Bosco',
  className: '2C',
  students: ['Giulia R.', 'Matteo B.', 'Sofia F.', 'Lorenzo G.'],
  theme: 'Spreco alimentare' as ThemeName,
  idea: {
    title: 'Merende a chilometro zero',
    summary: 'Una volta alla settimana la merenda arriva dai contadini della valle, senza imballaggi.',
    problem: 'Le merende confezionate producono sacchi di rifiuti e arrivano da lontano.',
    solution: 'Un accordo con due aziende agricole della Valsugana e un turno di classe per distribuire la merenda in cortile.',
    impact: 'Meno imballaggi e più prodotti del territorio.',
    tags: ['merende', 'filiera corta'],
  },
  /** The school's data-processing agreement, accepted by its owner before the roster (docs/rules.md). */
  agreementVersion: 'DPA-2026-01',
};

// ------------------------------------------------------------------------------------------------ phases 2-4: the other editions

/** An edition of the promoter reached through its calendar: each class writes an idea and submits it. */
export interface EditionData {
  /** The title without its year; the seed adds the year of the edition. */
  title: string;
  description: string;
  themes: { name: string; description: string }[];
  classes: ClassData[];
  /** Awards by class (index in `classes`). */
  awards: { class: number; title: string; place?: number }[];
}

const klass = (school: number, name: string, className: string, students: string[], theme: string, idea: IdeaData): ClassData => ({
  school,
  name,
  className,
  students: students.map(studentPerson),
  theme,
  idea,
  submit: true,
});

/** Phase 2: judging under way, the demo jurors with assignments still to review. */
export const JUDGING_EDITION: EditionData = {
  title: 'Sfida Mobilità Sostenibile',
  description: 'Una sfida di primavera sulla mobilità casa-scuola: le classi propongono come arrivare a scuola senza auto. La giuria sta valutando le idee inviate.',
  themes: [
    { name: 'Casa-scuola', description: 'Arrivare a scuola a piedi, in bicicletta o con il pedibus, in sicurezza.' },
    { name: 'Trasporto pubblico', description: 'Autobus, treni e mobilità condivisa su misura per studenti e famiglie.' },
  ],
  classes: [
    klass(1, 'Ruote Libere', '4C meccanica', ['Elia Andreatta', 'Noemi Pallaoro', 'Jacopo Zeni'], 'Casa-scuola', {
      title: 'Rastrelliere coperte e ciclofficina a scuola',
      summary: 'Una tettoia con rastrelliere sicure e una ciclofficina gestita dagli studenti per chi arriva in bici.',
      problem: 'Molti studenti non vengono in bici perché temono i furti e non sanno riparare una foratura.',
      solution: 'Progettiamo con il Comune una tettoia da 60 posti e apriamo una ciclofficina il mercoledì pomeriggio.',
      impact: 'Cento studenti in più in bicicletta e circa 20 tonnellate di CO2 evitate ogni anno.',
      tags: ['bicicletta', 'ciclofficina'],
    }),
    klass(3, 'Linea Verde', '4B scientifico', ['Ludovica Endrizzi', 'Samuele Bertagnolli', 'Viola Gadotti'], 'Trasporto pubblico', {
      title: 'Un abbonamento unico per gli studenti della Vallagarina',
      summary: 'Un solo abbonamento per autobus e treno, valido anche il pomeriggio per sport e attività.',
      problem: "Gli studenti pagano due abbonamenti diversi e nel pomeriggio tornano a usare l'auto dei genitori.",
      solution: "Proponiamo all'azienda dei trasporti e alla Provincia una tariffa integrata, con una simulazione dei costi.",
      impact: 'Più corse piene e meno auto nelle ore di punta.',
      tags: ['autobus', 'treno', 'tariffe'],
    }),
    klass(4, 'Passo Dopo Passo', '3A turismo', ['Cristian Moltrer', 'Rebecca Pedron', 'Emanuele Cainelli'], 'Casa-scuola', {
      title: 'Il pedibus delle scuole medie di Rovereto',
      summary: 'Gli studenti più grandi accompagnano a piedi i ragazzi delle medie lungo tre linee con fermate fisse.',
      problem: 'Davanti alle scuole medie ogni mattina si forma una coda di auto.',
      solution: "Tre linee di pedibus con orari, giubbotti ad alta visibilità e un'app per le presenze curata dalla classe.",
      impact: 'Quattrocento viaggi in auto in meno ogni settimana.',
      tags: ['pedibus', 'sicurezza'],
    }),
    klass(0, 'Auto Condivisa', '5C scientifico', ['Bianca Chiocchetti', 'Giacomo Dorigatti', 'Camilla Fedrizzi'], 'Trasporto pubblico', {
      title: "Car pooling tra le famiglie con l'app della scuola",
      summary: 'Le famiglie che abitano vicine condividono il viaggio verso scuola con un calendario semplice.',
      problem: 'Dalle valli laterali arrivano ogni mattina decine di auto con un solo studente a bordo.',
      solution: 'Una pagina del registro elettronico incrocia indirizzi e orari e propone equipaggi di quattro persone.',
      impact: 'Fino a un terzo delle auto in meno al mattino.',
      tags: ['car pooling', 'app'],
    }),
  ],
  awards: [],
};

/** Phase 3: results published, the sponsor company's proposal to adopt the winning idea waiting for an answer. */
export const RESULTS_EDITION: EditionData = {
  title: 'Sfida Acqua e Territorio',
  description: "Una sfida d'inverno sull'acqua in città, nei fiumi e nei laghi del Trentino. I risultati sono pubblicati: le imprese madrine possono proporre di adottare le idee.",
  themes: [
    { name: 'Acqua in città', description: "Pioggia, fontane e verde urbano: l'acqua nei quartieri e nelle scuole." },
    { name: 'Fiumi e laghi', description: "La salute dei corsi d'acqua e dei laghi del Trentino." },
  ],
  classes: [
    klass(5, 'Gocce Preziose', '4B', ['Mattia Kofler', 'Irene Lunelli', 'Federico Mosna'], 'Acqua in città', {
      title: 'Acqua dei lavandini per gli scarichi dei bagni',
      summary: "Un impianto recupera l'acqua dei lavandini, la filtra e la usa per gli scarichi dei bagni della scuola.",
      problem: 'Negli scarichi dei bagni finisce ogni giorno acqua potabile che potrebbe essere riusata.',
      solution: 'Con un idraulico del territorio progettiamo un circuito di acque grigie con filtro e serbatoio da 2.000 litri.',
      impact: "Circa 400.000 litri di acqua potabile risparmiati all'anno.",
      tags: ['acque grigie', 'riuso'],
    }),
    klass(1, 'Lago Pulito', '5A chimica', ['Sara Nardelli', 'Michele Osti', 'Greta Paissan'], 'Fiumi e laghi', {
      title: 'Sentinelle delle alghe del lago di Caldonazzo',
      summary: 'Analisi mensili delle acque del lago fatte in laboratorio e pubblicate su una mappa per bagnanti e pescatori.',
      problem: 'Le fioriture di alghe si scoprono tardi e nessuno sa dove è sicuro fare il bagno.',
      solution: 'Kit di analisi di fosforo e nitrati, prelievi con i volontari del lago e una mappa aggiornata ogni mese.',
      impact: 'Allarmi tempestivi e dati aperti per il Comune.',
      tags: ['lago', 'analisi', 'open data'],
    }),
    klass(3, 'Rovereto Spugna', '4A scienze applicate', ['Simone Rigotti', 'Marta Sighel', 'Pietro Tecchiolli'], 'Acqua in città', {
      title: 'Giardini della pioggia nel cortile della scuola',
      summary: 'Aiuole ribassate raccolgono la pioggia del tetto e la lasciano filtrare nel terreno invece che in fognatura.',
      problem: 'Con i temporali estivi le fognature del quartiere vanno in crisi e il cortile si allaga.',
      solution: 'Tre giardini della pioggia con piante autoctone, progettati con un agronomo e costruiti dalla classe.',
      impact: "Meno allagamenti e un cortile più fresco d'estate.",
      tags: ['pioggia', 'verde urbano'],
    }),
    klass(0, 'Fontane Amiche', '3D scientifico', ['Anna Bampi', 'Riccardo Callegari', 'Elisa Degasperi'], 'Acqua in città', {
      title: 'La mappa delle fontanelle di Trento',
      summary: 'Una mappa online delle fontanelle pubbliche, con foto, stato e segnalazioni dei guasti.',
      problem: 'Turisti e studenti comprano acqua in bottiglia perché non sanno dove sono le fontanelle.',
      solution: 'Censiamo le 120 fontanelle della città e segnaliamo al Comune quelle da riparare.',
      impact: 'Migliaia di bottiglie di plastica in meno ogni estate.',
      tags: ['fontanelle', 'mappa', 'plastica'],
    }),
  ],
  awards: [
    { class: 0, title: 'Primo premio', place: 1 },
    { class: 1, title: 'Secondo premio', place: 2 },
    { class: 2, title: 'Menzione della giuria' },
  ],
};

/** What the sponsor company writes when it proposes to adopt the winner of the results edition. */
export const RESULTS_PROPOSAL = {
  message: "Ci piacerebbe portare il vostro impianto di riuso dell'acqua in altre tre scuole della città.",
  commitment: '20 ore di tutoraggio con i nostri tecnici idraulici',
};

/** Phase 4: an edition closed months ago whose winning idea, adopted by the sponsor, became a mini-company. */
export const COMPANY_EDITION: EditionData = {
  title: 'Climathon Energia Pulita',
  description:
    "Un Climathon d'autunno sull'energia negli edifici scolastici e sul riuso dei materiali. L'idea vincitrice, adottata da un'impresa madrina, è diventata una mini-impresa.",
  themes: [
    { name: 'Energia a scuola', description: 'Consumi, fotovoltaico e comunità energetiche negli edifici scolastici.' },
    { name: 'Rifiuti e riuso', description: 'Meno rifiuti, più riparazione e riuso dei materiali.' },
  ],
  classes: [
    klass(4, 'Sole in Cattedra', '5A amministrazione', ['Nicola Facchinelli', 'Aurora Iob', 'Filippo Largher'], 'Energia a scuola', {
      title: 'Una comunità energetica sul tetto della palestra',
      summary: "Pannelli solari sul tetto della palestra, finanziati dalle famiglie del quartiere che ne condividono l'energia.",
      problem: 'La scuola paga bollette altissime e il tetto della palestra, esposto a sud, è vuoto.',
      solution: 'Costituiamo con il Comune una comunità energetica: 80 kW di fotovoltaico e una quota per ogni famiglia aderente.',
      impact: "95.000 kWh all'anno prodotti nel quartiere e 40 tonnellate di CO2 evitate.",
      tags: ['fotovoltaico', 'comunità energetica'],
    }),
    klass(2, 'Watt Detective', '4A elettrotecnica', ['Beatrice Maines', 'Gabriele Nicolodi', 'Martina Pancheri'], 'Energia a scuola', {
      title: 'Caccia agli sprechi di energia in aula',
      summary: 'Sensori e un cruscotto mostrano a ogni classe quanta energia consuma e come ridurla.',
      problem: 'Luci accese nelle aule vuote e computer lasciati in standby tutta la notte.',
      solution: "Misuratori sui quadri elettrici, un cruscotto nell'atrio e una gara di risparmio tra le classi.",
      impact: 'Il 15% di energia elettrica in meno nel primo anno.',
      tags: ['sensori', 'risparmio energetico'],
    }),
    klass(1, 'Seconda Vita', '3B informatica', ['Davide Ravanelli', 'Chiara Slomp', 'Alessandro Toniolli'], 'Rifiuti e riuso', {
      title: 'Il repair café dei computer della scuola',
      summary: 'Gli studenti riparano e ricondizionano i vecchi computer della scuola e li donano alle famiglie.',
      problem: 'Ogni anno decine di computer ancora funzionanti finiscono tra i rifiuti elettronici.',
      solution: 'Un laboratorio il sabato mattina con i tecnici della scuola, sistemi operativi leggeri e un registro delle donazioni.',
      impact: "Cento computer salvati all'anno e meno rifiuti elettronici.",
      tags: ['riuso', 'informatica'],
    }),
    klass(5, 'Zero Plastica Milani', '2A', ['Vittoria Vettori', 'Leonardo Zanotelli', 'Sofia Agostini'], 'Rifiuti e riuso', {
      title: 'Distributori alla spina per le merende',
      summary: 'Merende e bevande alla spina al posto dei distributori con imballaggi monouso.',
      problem: 'I distributori automatici della scuola producono sacchi di plastica ogni settimana.',
      solution: 'Un accordo con un fornitore locale per snack sfusi, contenitori riutilizzabili e una cassa a gettoni.',
      impact: 'Trentamila imballaggi in meno ogni anno.',
      tags: ['plastica', 'merende'],
    }),
  ],
  awards: [
    { class: 0, title: 'Primo premio', place: 1 },
    { class: 1, title: 'Secondo premio', place: 2 },
  ],
};

/** The adoption of the company edition's winner, and the mini-company it became. */
export const COMPANY_ADOPTION = {
  message: "Vi affianchiamo con i nostri tecnici per progettare l'impianto e la comunità energetica.",
  commitment: '30 ore di tutoraggio, un sopralluogo tecnico e due stage estivi',
  miniCompany: 'Sole in Cattedra Impresa Studentesca',
};
